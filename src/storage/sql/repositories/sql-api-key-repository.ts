import type { Kysely, Selectable } from "kysely";
import type { ApiKeyRecord, ApiKeyRepository } from "../../ports/index.js";
import type { ApiKeysTable, Database } from "../schema.js";
import { touchedAny } from "./touched-any.js";

export function sqlApiKeyRepository(db: Kysely<Database>): ApiKeyRepository {
  return {
    async insert(key) {
      await db
        .insertInto("api_keys")
        .values({
          id: key.id,
          account_id: key.accountId,
          prefix: key.prefix,
          secret_hash: key.secretHash,
          scope: key.scope,
          created_at: key.createdAt,
          revoked_at: key.revokedAt,
        })
        .execute();
    },
    async findByPrefix(prefix) {
      const row = await db.selectFrom("api_keys").selectAll().where("prefix", "=", prefix).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom("api_keys")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async revoke(id, at) {
      const result = await db
        .updateTable("api_keys")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return touchedAny(result);
    },
  };
}

function fromRow(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    prefix: row.prefix,
    secretHash: row.secret_hash,
    scope: row.scope,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
