import type { Kysely, Selectable } from "kysely";
import type { WebhookRecord, WebhookRepository } from "../../ports/index.js";
import type { Database, WebhooksTable } from "../schema.js";
import { stringListColumn, toJsonColumn } from "./json-column.js";
import { touchedAny } from "./touched-any.js";

export function sqlWebhookRepository(db: Kysely<Database>): WebhookRepository {
  return {
    async insert(webhook) {
      await db
        .insertInto("webhooks")
        .values({
          id: webhook.id,
          account_id: webhook.accountId,
          url: webhook.url,
          secret: webhook.secret,
          events: toJsonColumn(webhook.events),
          active: webhook.active ? 1 : 0,
          created_at: webhook.createdAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom("webhooks")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async setActive(id, active) {
      const result = await db
        .updateTable("webhooks")
        .set({ active: active ? 1 : 0 })
        .where("id", "=", id)
        .executeTakeFirst();
      return touchedAny(result);
    },
    async delete(id) {
      // The log goes with the webhook; SQLite enforces the cascade only with foreign keys on, so say it.
      await db.deleteFrom("webhook_calls").where("webhook_id", "=", id).execute();
      return touchedAny(await db.deleteFrom("webhooks").where("id", "=", id).executeTakeFirst());
    },
  };
}

function fromRow(row: Selectable<WebhooksTable>): WebhookRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    url: row.url,
    secret: row.secret,
    events: stringListColumn(row.events),
    active: Number(row.active) === 1,
    createdAt: row.created_at,
  };
}
