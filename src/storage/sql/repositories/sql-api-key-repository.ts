import type { Kysely, Selectable } from "kysely";
import type { ApiKeyRecord, ApiKeyRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { ApiKeysTable, Database } from "../schema.js";
import { touchedAny } from "./touched-any.js";

export function sqlApiKeyRepository(db: Kysely<Database>, prepared: PreparedQueries): ApiKeyRepository {
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
      const { rows } = await prepared.run(
        db,
        "apiKeys.findByPrefix",
        (d, v: { prefix: string }) => d.selectFrom("api_keys").selectAll().where("prefix", "=", v.prefix),
        { prefix },
      );
      const [row] = rows;
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
