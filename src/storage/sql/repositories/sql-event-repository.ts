import type { Kysely } from "kysely";
import type { EventRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";
import { insertRows } from "./insert-rows.js";
import { objectColumn, toJsonColumn } from "./json-column.js";

export function sqlEventRepository(db: Kysely<Database>, prepared: PreparedQueries): EventRepository {
  return {
    async append(event) {
      const row = {
        message_id: event.messageId,
        interchange_id: event.interchangeId,
        delivery_id: event.deliveryId,
        account_id: event.accountId,
        type: event.type,
        detail: toJsonColumn(event.detail),
        at: event.at,
      };
      await prepared.run(db, "events.append", (d, v: typeof row) => d.insertInto("events").values(v), row);
    },
    async appendMany(events) {
      const rows = events.map((event) => ({
        message_id: event.messageId,
        interchange_id: event.interchangeId,
        delivery_id: event.deliveryId,
        account_id: event.accountId,
        type: event.type,
        detail: toJsonColumn(event.detail),
        at: event.at,
      }));
      await insertRows(db, prepared, "events.appendMany", "events", rows);
    },
    async listByMessage(messageId) {
      const rows = await db
        .selectFrom("events")
        .selectAll()
        .where("message_id", "=", messageId)
        .orderBy("id")
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        messageId: row.message_id,
        interchangeId: row.interchange_id,
        deliveryId: row.delivery_id,
        accountId: row.account_id,
        type: row.type,
        detail: objectColumn(row.detail),
        at: row.at,
      }));
    },
  };
}
