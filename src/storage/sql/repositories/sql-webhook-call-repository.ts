import type { Kysely, Selectable } from "kysely";
import type { WebhookCallRecord, WebhookCallRepository } from "../../ports/index.js";
import type { Database, WebhookCallsTable } from "../schema.js";
import { pageOf } from "./page-of.js";

export function sqlWebhookCallRepository(db: Kysely<Database>): WebhookCallRepository {
  return {
    async insert(call) {
      // ON CONFLICT … DO NOTHING: a notify job run twice must not log (and send) one notification twice, and
      // on PostgreSQL a failed statement would spoil the caller's transaction.
      const inserted = await db
        .insertInto("webhook_calls")
        .values({
          id: call.id,
          webhook_id: call.webhookId,
          account_id: call.accountId,
          notification_id: call.notificationId,
          type: call.type,
          body: call.body,
          state: call.state,
          attempts: call.attempts,
          last_status: call.lastStatus,
          last_error: call.lastError,
          created_at: call.createdAt,
          updated_at: call.updatedAt,
        })
        .onConflict((oc) => oc.columns(["notification_id", "webhook_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async get(id) {
      const row = await db.selectFrom("webhook_calls").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async findByNotification(notificationId, webhookId) {
      const row = await db
        .selectFrom("webhook_calls")
        .selectAll()
        .where("notification_id", "=", notificationId)
        .where("webhook_id", "=", webhookId)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async recordAttempt(id, outcome) {
      await db
        .updateTable("webhook_calls")
        .set((eb) => ({
          state: outcome.state,
          attempts: eb("attempts", "+", 1),
          last_status: outcome.status,
          last_error: outcome.error,
          updated_at: outcome.at,
        }))
        .where("id", "=", id)
        .execute();
    },
    async listByWebhook(webhookId, after, limit) {
      const rows = await db
        .selectFrom("webhook_calls")
        .selectAll()
        .where("webhook_id", "=", webhookId)
        .$call((qb) => (after === null ? qb : qb.where("id", "<", after)))
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      return pageOf(rows.map(fromRow), limit);
    },
  };
}

function fromRow(row: Selectable<WebhookCallsTable>): WebhookCallRecord {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    accountId: row.account_id,
    notificationId: row.notification_id,
    type: row.type,
    body: row.body,
    state: row.state,
    attempts: Number(row.attempts),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
