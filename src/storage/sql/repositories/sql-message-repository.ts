import type { Kysely, Selectable } from "kysely";
import type { MessageRecord, MessageRepository } from "../../ports/index.js";
import type { Database, MessagesTable } from "../schema.js";

export function sqlMessageRepository(db: Kysely<Database>): MessageRepository {
  return {
    async insert(message) {
      await db
        .insertInto("messages")
        .values({
          id: message.id,
          account_id: message.accountId,
          channel: message.channel,
          blob_key: message.blobKey,
          size: message.size,
          sha256: message.sha256,
          format: message.format,
          filename: message.filename,
          to_identity: message.toIdentity,
          idempotency_key: message.idempotencyKey,
          state: message.state,
          reason: message.reason,
          received_at: message.receivedAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async findByIdempotencyKey(accountId, key) {
      const row = await db
        .selectFrom("messages")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("idempotency_key", "=", key)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async findRecentByHash(accountId, sha256, since) {
      const row = await db
        .selectFrom("messages")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("sha256", "=", sha256)
        .where("received_at", ">=", since)
        .orderBy("received_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async setState(id, state, reason) {
      await db.updateTable("messages").set({ state, reason }).where("id", "=", id).execute();
    },
    async listReceivedBefore(before, limit) {
      const rows = await db
        .selectFrom("messages")
        .selectAll()
        .where("received_at", "<", before)
        .orderBy("received_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async delete(id) {
      await db.deleteFrom("messages").where("id", "=", id).execute();
    },
  };
}

function fromRow(row: Selectable<MessagesTable>): MessageRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    channel: row.channel,
    blobKey: row.blob_key,
    size: row.size,
    sha256: row.sha256,
    format: row.format,
    filename: row.filename,
    toIdentity: row.to_identity,
    idempotencyKey: row.idempotency_key,
    state: row.state,
    reason: row.reason,
    receivedAt: row.received_at,
  };
}
