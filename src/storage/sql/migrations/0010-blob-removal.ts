import { type Kysely, sql } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/**
 * Retention that finishes its job. A message records when retention removed its bytes, so that the sweep lists
 * only the messages whose bytes are still kept (a partial index holds just those) and moves on past the ones
 * it has done. The index on the blob key lets the sweep for orphaned blobs ask, for a page of keys at once,
 * which ones a message refers to.
 */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  await db.schema.alterTable("messages").addColumn("blob_removed_at", flavour.textType).execute();
  await db.schema
    .createIndex("messages_bytes_kept")
    .on("messages")
    .columns(["received_at", "id"])
    .where(sql.ref("blob_removed_at"), "is", null)
    .execute();
  await db.schema.createIndex("messages_blob").on("messages").column("blob_key").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("messages_blob").execute();
  await db.schema.dropIndex("messages_bytes_kept").execute();
  await db.schema.alterTable("messages").dropColumn("blob_removed_at").execute();
}
