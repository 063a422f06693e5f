import type { Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/** Small blobs live in the database itself, so that a small message costs no file of its own. */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  await db.schema
    .createTable("small_blobs")
    .addColumn("key", flavour.textType, (col) => col.primaryKey())
    .addColumn("content", flavour.bytesType, (col) => col.notNull())
    .addColumn("size", "bigint", (col) => col.notNull())
    .addColumn("sha256", flavour.textType, (col) => col.notNull())
    .addColumn("created_at", flavour.textType, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("small_blobs").execute();
}
