import type { Kysely, Selectable } from "kysely";
import { OpenVanError } from "../../../kernel/index.js";
import type { UserRecord, UserRepository } from "../../ports/index.js";
import type { Database, UsersTable } from "../schema.js";
import { touchedAny } from "./touched-any.js";

export function sqlUserRepository(db: Kysely<Database>): UserRepository {
  return {
    async insert(user) {
      // ON CONFLICT … DO NOTHING rather than catching the violation: on PostgreSQL a failed statement spoils the
      // caller's transaction.
      const inserted = await db
        .insertInto("users")
        .values(userRow(user))
        .onConflict((oc) => oc.column("email").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted === undefined) {
        throw new OpenVanError("USER_EMAIL_TAKEN", `a user with the e-mail address ${user.email} exists`, {
          email: user.email,
        });
      }
    },
    async get(id) {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : userFromRow(row);
    },
    async findByEmail(email) {
      const row = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
      return row === undefined ? null : userFromRow(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom("users")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute();
      return rows.map(userFromRow);
    },
    async setDisabled(id, at) {
      return touchedAny(
        await db.updateTable("users").set({ disabled_at: at }).where("id", "=", id).executeTakeFirst(),
      );
    },
    async setPassword(id, passwordHash, at) {
      const result = await db
        .updateTable("users")
        .set({ password_hash: passwordHash, password_changed_at: at })
        .where("id", "=", id)
        .executeTakeFirst();
      return touchedAny(result);
    },
  };
}

function userRow(user: UserRecord): Selectable<UsersTable> {
  return {
    id: user.id,
    account_id: user.accountId,
    email: user.email,
    display_name: user.displayName,
    role: user.role,
    scope: user.scope,
    password_hash: user.passwordHash,
    created_at: user.createdAt,
    password_changed_at: user.passwordChangedAt,
    disabled_at: user.disabledAt,
  };
}

export function userFromRow(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    scope: row.scope,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    disabledAt: row.disabled_at,
  };
}
