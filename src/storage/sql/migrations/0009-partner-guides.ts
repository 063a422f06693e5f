import type { Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/** Partner guides: an account's implementation guides (JSON), each for one partner identity or for all. */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  await db.schema
    .createTable("partner_guides")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("account_id", text, (col) => col.notNull().references("accounts.id"))
    // "" when the guide is for every partner of the account.
    .addColumn("partner", text, (col) => col.notNull())
    .addColumn("guide_id", text, (col) => col.notNull())
    .addColumn("document", text, (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("updated_at", text, (col) => col.notNull())
    .addUniqueConstraint("partner_guides_account_guide_unique", ["account_id", "guide_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("partner_guides").execute();
}
