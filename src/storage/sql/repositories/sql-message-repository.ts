import { type Kysely, type Selectable, sql } from "kysely";
import type { MessageRecord, MessageRepository, MessageState } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database, MessagesTable } from "../schema.js";
import { touchedAny } from "./touched-any.js";

export function sqlMessageRepository(db: Kysely<Database>, prepared: PreparedQueries): MessageRepository {
  return {
    async insert(message) {
      const row = {
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
      };
      await prepared.run(
        db,
        "messages.insert",
        (d, v: typeof row) => d.insertInto("messages").values(v),
        row,
      );
    },
    async get(id) {
      const { rows } = await prepared.run(
        db,
        "messages.get",
        (d, v: { id: string }) => d.selectFrom("messages").selectAll().where("id", "=", v.id),
        { id },
      );
      const [row] = rows;
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
      const { rows } = await prepared.run(
        db,
        "messages.findRecentByHash",
        (d, v: { accountId: string; sha256: string; since: string }) =>
          d
            .selectFrom("messages")
            .selectAll()
            .where("account_id", "=", v.accountId)
            .where("sha256", "=", v.sha256)
            .where("received_at", ">=", v.since)
            .orderBy("received_at", "desc")
            .orderBy("id", "desc")
            .limit(sql.lit(1)),
        { accountId, sha256, since },
      );
      const [row] = rows;
      return row === undefined ? null : fromRow(row);
    },
    async setState(id, state, reason) {
      await prepared.run(
        db,
        "messages.setState",
        (d, v: { id: string; state: MessageState; reason: string | null }) =>
          d.updateTable("messages").set({ state: v.state, reason: v.reason }).where("id", "=", v.id),
        { id, state, reason },
      );
    },
    async transition(id, from, state, reason) {
      // Routing asks this once per message: a prepared statement, built and compiled once.
      const result = await prepared.run(
        db,
        "messages.transition",
        (d, v: { id: string; from: MessageState; state: MessageState; reason: string | null }) =>
          d
            .updateTable("messages")
            .set({ state: v.state, reason: v.reason })
            .where("id", "=", v.id)
            .where("state", "=", v.from),
        { id, from, state, reason },
      );
      return (result.numAffectedRows ?? 0n) > 0n;
    },
    async transitionReturning(id, from, state, reason) {
      // Routing starts with this: one statement both moves the message on and reads it.
      const { rows } = await prepared.run(
        db,
        "messages.transitionReturning",
        (d, v: { id: string; from: MessageState; state: MessageState; reason: string | null }) =>
          d
            .updateTable("messages")
            .set({ state: v.state, reason: v.reason })
            .where("id", "=", v.id)
            .where("state", "=", v.from)
            .returningAll(),
        { id, from, state, reason },
      );
      const [row] = rows;
      return row === undefined ? null : fromRow(row);
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
    async listBytesKept(before, after, limit) {
      // `blob_removed_at is null` as the partial index messages_bytes_kept says it, so that both databases use it.
      const rows = await db
        .selectFrom("messages")
        .selectAll()
        .where("blob_removed_at", "is", null)
        .where("received_at", "<", before)
        .$call((qb) =>
          after === null
            ? qb
            : qb.where((eb) =>
                eb(eb.refTuple("received_at", "id"), ">", eb.tuple(after.receivedAt, after.id)),
              ),
        )
        .orderBy("received_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async markBytesRemoved(id, at) {
      const result = await db
        .updateTable("messages")
        .set({ blob_removed_at: at })
        .where("id", "=", id)
        .where("blob_removed_at", "is", null)
        .executeTakeFirst();
      return touchedAny(result);
    },
    async blobKeysInUse(keys) {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom("messages")
        .select("blob_key")
        .where("blob_key", "in", [...keys])
        .execute();
      return new Set(rows.map((row) => row.blob_key));
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
