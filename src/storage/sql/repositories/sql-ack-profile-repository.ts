import type { Kysely, Selectable } from "kysely";
import type { AckProfileRecord, AckProfileRepository } from "../../ports/index.js";
import type { AckProfilesTable } from "../acknowledgment-tables.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";
import { objectColumn, toJsonColumn } from "./json-column.js";

/**
 * How long an account's profiles are reused by `candidates`. Routing asks for them for every interchange, and
 * most accounts have none: kept this long, the lookup costs a few queries per second per sending account
 * instead of one per interchange. A write through this store forgets the account at once and keeps it out of
 * the cache for this long (so that nothing read inside a transaction that rolls back, nor read elsewhere before
 * the write commits, is kept); other nodes sharing the database see a change within this time.
 */
export const ackProfileCacheTtlMs = 2_000;

interface CacheEntry {
  /** Until when `profiles` may be served; when null, a write happened and nothing is cached until `until`. */
  readonly until: number;
  readonly profiles: readonly AckProfileRecord[] | null;
}

/** One cache per store (its prepared statements are one per store), shared by the store and its transactions. */
const caches = new WeakMap<PreparedQueries, Map<string, CacheEntry>>();

function cacheOf(prepared: PreparedQueries): Map<string, CacheEntry> {
  let cache = caches.get(prepared);
  if (cache === undefined) {
    cache = new Map();
    caches.set(prepared, cache);
  }
  return cache;
}

export function sqlAckProfileRepository(
  db: Kysely<Database>,
  prepared: PreparedQueries,
): AckProfileRepository {
  const cache = cacheOf(prepared);
  const written = (accountId: string): void => {
    cache.set(accountId, { until: Date.now() + ackProfileCacheTtlMs, profiles: null });
  };
  return {
    async upsert(profile) {
      written(profile.accountId);
      const row = toRow(profile);
      await db
        .insertInto("ack_profiles")
        .values(row)
        .onConflict((oc) =>
          oc.columns(["account_id", "identity", "partner"]).doUpdateSet({
            ta1: row.ta1,
            functional: row.functional,
            contrl: row.contrl,
            reject_group_on_set_error: row.reject_group_on_set_error,
            expect_ack: row.expect_ack,
            ack_window_minutes: row.ack_window_minutes,
            doc_type_windows: row.doc_type_windows,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    async list(accountId) {
      const rows = await db
        .selectFrom("ack_profiles")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("identity")
        .orderBy("partner")
        .execute();
      return rows.map(fromRow);
    },
    async candidates(accountId, identity, partner) {
      const now = Date.now();
      const entry = cache.get(accountId);
      let profiles = entry !== undefined && entry.until > now ? entry.profiles : null;
      if (profiles === null) {
        const { rows } = await prepared.run(
          db,
          "ackProfiles.ofAccount",
          (d, v: { accountId: string }) =>
            d.selectFrom("ack_profiles").selectAll().where("account_id", "=", v.accountId),
          { accountId },
        );
        profiles = rows.map(fromRow);
        // After a write, nothing is kept until its quiet time is over (the entry says when).
        const quiet = cache.get(accountId);
        if (quiet === undefined || quiet.profiles !== null || quiet.until <= now) {
          if (cache.size > 10_000) for (const [key, e] of cache) if (e.until <= now) cache.delete(key);
          cache.set(accountId, { until: now + ackProfileCacheTtlMs, profiles });
        }
      }
      return profiles.filter(
        (p) => (p.identity === identity || p.identity === "") && (p.partner === partner || p.partner === ""),
      );
    },
    async delete(accountId, identity, partner) {
      written(accountId);
      const result = await db
        .deleteFrom("ack_profiles")
        .where("account_id", "=", accountId)
        .where("identity", "=", identity)
        .where("partner", "=", partner)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toRow(p: AckProfileRecord): AckProfilesTable {
  return {
    account_id: p.accountId,
    identity: p.identity,
    partner: p.partner,
    ta1: p.ta1,
    functional: p.functional,
    contrl: p.contrl,
    reject_group_on_set_error: p.rejectGroupOnSetError ? 1 : 0,
    expect_ack: p.expectAck,
    ack_window_minutes: p.ackWindowMinutes,
    doc_type_windows: toJsonColumn(p.docTypeWindows),
    updated_at: p.updatedAt,
  };
}

function fromRow(row: Selectable<AckProfilesTable>): AckProfileRecord {
  return {
    accountId: row.account_id,
    identity: row.identity,
    partner: row.partner,
    ta1: row.ta1,
    functional: row.functional,
    contrl: row.contrl,
    rejectGroupOnSetError: Number(row.reject_group_on_set_error) === 1,
    expectAck: row.expect_ack,
    ackWindowMinutes: Number(row.ack_window_minutes),
    docTypeWindows: objectColumn(row.doc_type_windows) as Record<string, number>,
    updatedAt: row.updated_at,
  };
}
