import type { Kysely, Selectable } from "kysely";
import type { PushEndpointRecord, PushEndpointRepository } from "../../ports/index.js";
import type { Database, PushEndpointsTable } from "../schema.js";
import { objectColumn, toJsonColumn } from "./json-column.js";
import { touchedAny } from "./touched-any.js";

export function sqlPushEndpointRepository(db: Kysely<Database>): PushEndpointRepository {
  return {
    async insert(endpoint) {
      // A new active endpoint replaces the account's active one (the unique index allows only one).
      if (endpoint.active) await deactivateAccount(db, endpoint.accountId);
      await db
        .insertInto("push_endpoints")
        .values({
          id: endpoint.id,
          account_id: endpoint.accountId,
          kind: endpoint.kind,
          settings: toJsonColumn(endpoint.settings),
          active: endpoint.active ? 1 : 0,
          created_at: endpoint.createdAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom("push_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom("push_endpoints")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async findActive(accountId) {
      const row = await db
        .selectFrom("push_endpoints")
        .selectAll()
        .where("account_id", "=", accountId)
        .where("active", "=", 1)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async setActive(id, active) {
      const row = await db
        .selectFrom("push_endpoints")
        .select("account_id")
        .where("id", "=", id)
        .executeTakeFirst();
      if (row === undefined) return false;
      if (active) await deactivateAccount(db, row.account_id);
      const result = await db
        .updateTable("push_endpoints")
        .set({ active: active ? 1 : 0 })
        .where("id", "=", id)
        .executeTakeFirst();
      return touchedAny(result);
    },
    async updateSettings(id, settings) {
      const result = await db
        .updateTable("push_endpoints")
        .set({ settings: toJsonColumn(settings) })
        .where("id", "=", id)
        .executeTakeFirst();
      return touchedAny(result);
    },
    async delete(id) {
      return touchedAny(await db.deleteFrom("push_endpoints").where("id", "=", id).executeTakeFirst());
    },
  };
}

async function deactivateAccount(db: Kysely<Database>, accountId: string): Promise<void> {
  await db
    .updateTable("push_endpoints")
    .set({ active: 0 })
    .where("account_id", "=", accountId)
    .where("active", "=", 1)
    .execute();
}

function fromRow(row: Selectable<PushEndpointsTable>): PushEndpointRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    settings: objectColumn(row.settings),
    active: Number(row.active) === 1,
    createdAt: row.created_at,
  };
}
