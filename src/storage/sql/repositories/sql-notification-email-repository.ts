import type { Kysely } from "kysely";
import type { NotificationEmailRepository } from "../../ports/index.js";
import type { Database } from "../schema.js";
import { stringListColumn, toJsonColumn } from "./json-column.js";
import { touchedAny } from "./touched-any.js";

export function sqlNotificationEmailRepository(db: Kysely<Database>): NotificationEmailRepository {
  return {
    async set(record) {
      const values = {
        account_id: record.accountId,
        address: record.address,
        events: toJsonColumn(record.events),
        updated_at: record.updatedAt,
      };
      await db
        .insertInto("notification_emails")
        .values(values)
        .onConflict((oc) =>
          oc.column("account_id").doUpdateSet({
            address: values.address,
            events: values.events,
            updated_at: values.updated_at,
          }),
        )
        .execute();
    },
    async get(accountId) {
      const row = await db
        .selectFrom("notification_emails")
        .selectAll()
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return row === undefined
        ? null
        : {
            accountId: row.account_id,
            address: row.address,
            events: stringListColumn(row.events),
            updatedAt: row.updated_at,
          };
    },
    async clear(accountId) {
      return touchedAny(
        await db.deleteFrom("notification_emails").where("account_id", "=", accountId).executeTakeFirst(),
      );
    },
  };
}
