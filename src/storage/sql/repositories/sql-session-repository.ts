import type { Kysely } from "kysely";
import type { SessionRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";
import { userFromRow } from "./sql-user-repository.js";
import { touchedAny } from "./touched-any.js";

export function sqlSessionRepository(db: Kysely<Database>, prepared: PreparedQueries): SessionRepository {
  return {
    async insert(session) {
      await db
        .insertInto("sessions")
        .values({
          id: session.id,
          user_id: session.userId,
          prefix: session.prefix,
          secret_hash: session.secretHash,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async findByPrefix(prefix) {
      // Every request of a signed-in user asks this: one prepared statement for the session and its user.
      const { rows } = await prepared.run(
        db,
        "sessions.findByPrefix",
        (d, v: { prefix: string }) =>
          d
            .selectFrom("sessions")
            .innerJoin("users", "users.id", "sessions.user_id")
            .selectAll("users")
            .select([
              "sessions.id as session_id",
              "sessions.prefix as session_prefix",
              "sessions.secret_hash as session_secret_hash",
              "sessions.created_at as session_created_at",
              "sessions.expires_at as session_expires_at",
            ])
            .where("sessions.prefix", "=", v.prefix),
        { prefix },
      );
      const [row] = rows;
      if (row === undefined) return null;
      return {
        session: {
          id: row.session_id,
          userId: row.id,
          prefix: row.session_prefix,
          secretHash: row.session_secret_hash,
          createdAt: row.session_created_at,
          expiresAt: row.session_expires_at,
        },
        user: userFromRow(row),
      };
    },
    async delete(id) {
      return touchedAny(await db.deleteFrom("sessions").where("id", "=", id).executeTakeFirst());
    },
    async deleteByUser(userId) {
      const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(now) {
      const result = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
