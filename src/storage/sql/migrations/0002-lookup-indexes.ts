import type { Kysely } from "kysely";

/**
 * The resend and duplicate lookups order by time and then by id; with the id in their indexes, they read the
 * one row they want straight from the index instead of sorting every candidate first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("messages_hash").execute();
  await db.schema
    .createIndex("messages_hash")
    .on("messages")
    .columns(["account_id", "sha256", "received_at", "id"])
    .execute();
  await db.schema.dropIndex("interchanges_duplicate").execute();
  await db.schema
    .createIndex("interchanges_duplicate")
    .on("interchanges")
    .columns(["sender", "receiver", "control", "created_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("messages_hash").execute();
  await db.schema
    .createIndex("messages_hash")
    .on("messages")
    .columns(["account_id", "sha256", "received_at"])
    .execute();
  await db.schema.dropIndex("interchanges_duplicate").execute();
  await db.schema
    .createIndex("interchanges_duplicate")
    .on("interchanges")
    .columns(["sender", "receiver", "control", "created_at"])
    .execute();
}
