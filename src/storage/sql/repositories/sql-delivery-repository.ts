import type { Kysely, Selectable } from "kysely";
import type { DeliveryRecord, DeliveryRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database, DeliveriesTable } from "../schema.js";
import { stringListColumn, toJsonColumn } from "./json-column.js";
import { pageOf } from "./page-of.js";
import { touchedAny } from "./touched-any.js";

export function sqlDeliveryRepository(db: Kysely<Database>, prepared: PreparedQueries): DeliveryRepository {
  return {
    async insert(delivery) {
      const row = {
        id: delivery.id,
        message_id: delivery.messageId,
        interchange_id: delivery.interchangeId,
        sender_account_id: delivery.senderAccountId,
        recipient_account_id: delivery.recipientAccountId,
        from_identity: delivery.fromIdentity,
        to_identity: delivery.toIdentity,
        route: delivery.route,
        blob_key: delivery.blobKey,
        range_start: delivery.rangeStart,
        range_end: delivery.rangeEnd,
        format: delivery.format,
        doc_types: toJsonColumn(delivery.docTypes),
        state: delivery.state,
        created_at: delivery.createdAt,
        picked_up_at: delivery.pickedUpAt,
        expires_at: delivery.expiresAt,
      };
      await prepared.run(
        db,
        "deliveries.insert",
        (d, v: typeof row) => d.insertInto("deliveries").values(v),
        row,
      );
    },
    async get(id) {
      const row = await db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listMailbox(recipientAccountId, state, after, limit) {
      const rows = await db
        .selectFrom("deliveries")
        .selectAll()
        .where("recipient_account_id", "=", recipientAccountId)
        .where("state", "=", state)
        .$call((qb) => (after === null ? qb : qb.where("id", ">", after)))
        .orderBy("id")
        .limit(limit + 1)
        .execute();
      return pageOf(rows.map(fromRow), limit);
    },
    async confirm(id, at) {
      const result = await db
        .updateTable("deliveries")
        .set({ state: "picked_up", picked_up_at: at })
        .where("id", "=", id)
        .where("state", "=", "in_mailbox")
        .executeTakeFirst();
      return touchedAny(result);
    },
    async reopen(id, expiresAt) {
      const result = await db
        .updateTable("deliveries")
        .set({ state: "in_mailbox", picked_up_at: null, expires_at: expiresAt })
        .where("id", "=", id)
        .where("state", "in", ["picked_up", "expired"])
        .executeTakeFirst();
      return touchedAny(result);
    },
    async listByMessage(messageId) {
      const rows = await db
        .selectFrom("deliveries")
        .selectAll()
        .where("message_id", "=", messageId)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async listExpired(now, limit) {
      const rows = await db
        .selectFrom("deliveries")
        .selectAll()
        .where("expires_at", "<=", now)
        .orderBy("expires_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async delete(id) {
      await db.deleteFrom("deliveries").where("id", "=", id).execute();
    },
    async transition(id, from, to) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable("deliveries")
        .set({ state: to })
        .where("id", "=", id)
        .where("state", "in", from)
        .executeTakeFirst();
      return touchedAny(result);
    },
    async countByBlob(blobKey) {
      const row = await db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .where("blob_key", "=", blobKey)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

function fromRow(row: Selectable<DeliveriesTable>): DeliveryRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    interchangeId: row.interchange_id,
    senderAccountId: row.sender_account_id,
    recipientAccountId: row.recipient_account_id,
    fromIdentity: row.from_identity,
    toIdentity: row.to_identity,
    route: row.route,
    blobKey: row.blob_key,
    rangeStart: row.range_start,
    rangeEnd: row.range_end,
    format: row.format,
    docTypes: stringListColumn(row.doc_types),
    state: row.state,
    createdAt: row.created_at,
    pickedUpAt: row.picked_up_at,
    expiresAt: row.expires_at,
  };
}
