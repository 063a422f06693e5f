import { type Kysely, type Selectable, sql } from "kysely";
import type { Clock } from "../../../kernel/index.js";
import type { JobRecord, JobRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database, JobsTable } from "../schema.js";
import type { SqlFlavour } from "../sql-flavour.js";
import { objectColumn, toJsonColumn } from "./json-column.js";
import { touchedAny } from "./touched-any.js";

export function sqlJobRepository(
  db: Kysely<Database>,
  flavour: SqlFlavour,
  clock: Clock,
  prepared: PreparedQueries,
): JobRepository {
  /** Only the worker holding a running job may finish it; a worker whose job was taken over gets false. */
  const held = (id: string, worker: string) =>
    db.updateTable("jobs").where("id", "=", id).where("worker", "=", worker).where("state", "=", "running");

  /**
   * One atomic UPDATE for the jobs whose lease ran out (a worker died), then one for the due jobs, oldest first.
   * Each picks its jobs through an index in the order it wants them, never sorting the whole queue. Where the
   * database has row locks that others can skip, the candidates are locked FOR UPDATE SKIP LOCKED, so claimers
   * never wait for each other; elsewhere the database runs one write at a time.
   */
  async function claimBatch(
    kinds: readonly string[],
    worker: string,
    now: string,
    leaseUntil: string,
    limit: number,
    options: { readonly expired?: boolean } = {},
  ): Promise<JobRecord[]> {
    if (kinds.length === 0 || !(limit >= 1)) return [];
    // A literal limit: with a bound one, SQLite plans the subquery without knowing how few rows it wants.
    const most = Math.floor(limit);
    // Runners claim all the time: each shape (lease ran out or due, number of kinds, limit) is a prepared
    // statement, built and compiled once; the kinds are its parameters k0, k1, ….
    const values: Record<string, string> = { worker, now, leaseUntil };
    kinds.forEach((kind, i) => {
      values[`k${i}`] = kind;
    });
    const take = async (expired: boolean, count: number): Promise<JobRecord[]> => {
      const { rows } = await prepared.run(
        db,
        `jobs.claim.${expired ? "expired" : "due"}.${kinds.length}.${count}`,
        (d, v: Record<string, string>) =>
          d
            .updateTable("jobs")
            .set((eb) => ({
              state: "running",
              attempts: eb("attempts", "+", 1),
              worker: v.worker as string,
              lease_until: v.leaseUntil as string,
            }))
            .where("id", "in", (eb) =>
              eb
                .selectFrom("jobs as due")
                .select("due.id")
                .where(
                  "due.kind",
                  "in",
                  kinds.map((_, i) => v[`k${i}`] as string),
                )
                .$call((qb) =>
                  expired
                    ? qb
                        .where("due.state", "=", "running")
                        .where("due.lease_until", "<", v.now as string)
                        .orderBy("due.lease_until")
                    : qb
                        .where("due.state", "=", "ready")
                        .where("due.run_at", "<=", v.now as string)
                        .orderBy("due.run_at"),
                )
                .orderBy("due.id")
                .limit(sql.lit(count))
                .$call((qb) => (flavour.capabilities.skipLocked ? qb.forUpdate().skipLocked() : qb)),
            )
            .returningAll(),
        values,
      );
      return rows.map(fromRow).sort(byRunAt);
    };
    const taken = options.expired === false ? [] : await take(true, most);
    return taken.length < most ? [...taken, ...(await take(false, most - taken.length))] : taken;
  }

  return {
    async enqueue(job) {
      const row = {
        id: job.id,
        kind: job.kind,
        payload: toJsonColumn(job.payload),
        max_attempts: job.maxAttempts,
        run_at: job.runAt,
        created_at: clock.now().toISOString(),
      };
      await prepared.run(
        db,
        "jobs.enqueue",
        (d, v: typeof row) => d.insertInto("jobs").values({ ...v, state: "ready", attempts: 0 }),
        row,
      );
    },
    async claim(kinds, worker, now, leaseUntil) {
      const [job] = await claimBatch(kinds, worker, now, leaseUntil, 1);
      return job ?? null;
    },
    claimBatch,
    async extendLease(ids, worker, leaseUntil) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable("jobs")
        .set({ lease_until: leaseUntil })
        .where("id", "in", ids)
        .where("worker", "=", worker)
        .where("state", "=", "running")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async complete(id, worker, now) {
      const result = await prepared.run(
        db,
        "jobs.complete",
        (d, v: { id: string; worker: string; now: string }) =>
          d
            .updateTable("jobs")
            .set({ state: "done", lease_until: null, finished_at: v.now })
            .where("id", "=", v.id)
            .where("worker", "=", v.worker)
            .where("state", "=", "running"),
        { id, worker, now },
      );
      return (result.numAffectedRows ?? 0n) > 0n;
    },
    async retry(id, worker, runAt, error) {
      const result = await held(id, worker)
        .set({ state: "ready", run_at: runAt, lease_until: null, worker: null, last_error: error })
        .executeTakeFirst();
      return touchedAny(result);
    },
    async bury(id, worker, error, now) {
      const result = await held(id, worker)
        .set({ state: "dead", lease_until: null, last_error: error, finished_at: now })
        .executeTakeFirst();
      return touchedAny(result);
    },
    async get(id) {
      const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listByState(state, limit) {
      const rows = await db
        .selectFrom("jobs")
        .selectAll()
        .where("state", "=", state)
        .orderBy("run_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
  };
}

function byRunAt(a: JobRecord, b: JobRecord): number {
  if (a.runAt !== b.runAt) return a.runAt < b.runAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function fromRow(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    payload: objectColumn(row.payload),
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    leaseUntil: row.lease_until,
    worker: row.worker,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}
