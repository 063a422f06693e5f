import { type Kysely, sql } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/**
 * Duplicate detection by a unique key instead of a search: routing claims (sender, receiver, control) in its
 * transaction, so that two nodes routing the same interchange at once cannot both accept it. The claims of the
 * interchanges routed so far are taken from the interchanges table: the latest one of each key that passed the
 * sender check (a rejected interchange never held its key).
 */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  await db.schema
    .createTable("interchange_claims")
    .addColumn("sender", text, (col) => col.notNull())
    .addColumn("receiver", text, (col) => col.notNull())
    .addColumn("control", text, (col) => col.notNull())
    .addColumn("message_id", text, (col) => col.notNull())
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("claimed_at", text, (col) => col.notNull())
    .addPrimaryKeyConstraint("interchange_claims_key", ["sender", "receiver", "control"])
    .execute();
  await sql`
    insert into interchange_claims (sender, receiver, control, message_id, position, claimed_at)
    select i.sender, i.receiver, i.control, i.message_id, i.position, i.created_at
    from interchanges i
    where i.standard <> 'file' and i.state <> 'rejected'
      and i.id = (
        select max(j.id) from interchanges j
        where j.sender = i.sender and j.receiver = i.receiver and j.control = i.control
          and j.standard <> 'file' and j.state <> 'rejected'
      )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("interchange_claims").execute();
}
