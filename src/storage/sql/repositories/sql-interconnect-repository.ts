import type { Kysely, Selectable } from "kysely";
import type { InterconnectRecord, InterconnectRepository } from "../../ports/index.js";
import type { Database, InterconnectsTable } from "../schema.js";

export function sqlInterconnectRepository(db: Kysely<Database>): InterconnectRepository {
  return {
    async insert(interconnect) {
      await db
        .insertInto("interconnects")
        .values({
          account_id: interconnect.accountId,
          network: interconnect.network,
          created_at: interconnect.createdAt,
        })
        .execute();
    },
    async get(accountId) {
      const row = await db
        .selectFrom("interconnects")
        .selectAll()
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async list() {
      const rows = await db.selectFrom("interconnects").selectAll().orderBy("account_id").execute();
      return rows.map(fromRow);
    },
  };
}

function fromRow(row: Selectable<InterconnectsTable>): InterconnectRecord {
  return { accountId: row.account_id, network: row.network, createdAt: row.created_at };
}
