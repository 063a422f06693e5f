import type { Kysely, Selectable } from "kysely";
import type { AccountRecord, AccountRepository } from "../../ports/index.js";
import type { AccountsTable, Database } from "../schema.js";

export function sqlAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    async insert(account) {
      await db
        .insertInto("accounts")
        .values({ id: account.id, name: account.name, created_at: account.createdAt })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async findByName(name) {
      const row = await db.selectFrom("accounts").selectAll().where("name", "=", name).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async list() {
      const rows = await db.selectFrom("accounts").selectAll().orderBy("id").execute();
      return rows.map(fromRow);
    },
  };
}

function fromRow(row: Selectable<AccountsTable>): AccountRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}
