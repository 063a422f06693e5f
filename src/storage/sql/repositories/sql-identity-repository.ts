import type { Kysely, Selectable } from "kysely";
import { OpenVanError } from "../../../kernel/index.js";
import type { IdentityRecord, IdentityRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database, IdentitiesTable } from "../schema.js";
import { touchedAny } from "./touched-any.js";

export function sqlIdentityRepository(db: Kysely<Database>, prepared: PreparedQueries): IdentityRepository {
  return {
    async insert(identity) {
      // ON CONFLICT … DO NOTHING instead of catching the unique violation: on PostgreSQL a failed statement
      // would spoil the caller's transaction.
      const inserted = await db
        .insertInto("identities")
        .values({
          id: identity.id,
          account_id: identity.accountId,
          qualifier: identity.qualifier,
          value: identity.value,
          created_at: identity.createdAt,
        })
        .onConflict((oc) => oc.columns(["qualifier", "value"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted === undefined) {
        const address =
          identity.qualifier === "" ? identity.value : `${identity.qualifier}:${identity.value}`;
        throw new OpenVanError("IDENTITY_TAKEN", `The identity ${address} already belongs to an account.`, {
          qualifier: identity.qualifier,
          value: identity.value,
        });
      }
    },
    async findByAddress(qualifier, value) {
      const { rows } = await prepared.run(
        db,
        "identities.findByAddress",
        (d, v: { qualifier: string; value: string }) =>
          d
            .selectFrom("identities")
            .selectAll()
            .where("qualifier", "=", v.qualifier)
            .where("value", "=", v.value),
        { qualifier, value },
      );
      const [row] = rows;
      return row === undefined ? null : fromRow(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom("identities")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async delete(id) {
      return touchedAny(await db.deleteFrom("identities").where("id", "=", id).executeTakeFirst());
    },
  };
}

function fromRow(row: Selectable<IdentitiesTable>): IdentityRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    qualifier: row.qualifier,
    value: row.value,
    createdAt: row.created_at,
  };
}
