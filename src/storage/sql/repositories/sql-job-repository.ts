import type { Kysely, Selectable } from "kysely";
import type { Clock } from "../../../kernel/index.js";
import type { JobRecord, JobRepository } from "../../ports/index.js";
import type { Database, JobsTable } from "../schema.js";
import type { SqlFlavour } from "../sql-flavour.js";
import { objectColumn, toJsonColumn } from "./json-column.js";
import { touchedAny } from "./touched-any.js";

export function sqlJobRepository(db: Kysely<Database>, flavour: SqlFlavour, clock: Clock): JobRepository {
  /** Only the worker holding a running job may finish it; a worker whose job was taken over gets false. */
  const held = (id: string, worker: string) =>
    db.updateTable("jobs").where("id", "=", id).where("worker", "=", worker).where("state", "=", "running");

  return {
    async enqueue(job) {
      await db
        .insertInto("jobs")
        .values({
          id: job.id,
          kind: job.kind,
          payload: toJsonColumn(job.payload),
          state: "ready",
          attempts: 0,
          max_attempts: job.maxAttempts,
          run_at: job.runAt,
          created_at: clock.now().toISOString(),
        })
        .execute();
    },
    /**
     * One atomic UPDATE of the oldest due job. Where the database has row locks that others can skip, the
     * candidate is locked FOR UPDATE SKIP LOCKED, so claimers never wait for each other; elsewhere the
     * database runs one write at a time.
     */
    async claim(kinds, worker, now, leaseUntil) {
      if (kinds.length === 0) return null;
      const row = await db
        .updateTable("jobs")
        .set((eb) => ({
          state: "running",
          attempts: eb("attempts", "+", 1),
          worker,
          lease_until: leaseUntil,
        }))
        .where((eb) =>
          eb(
            "id",
            "=",
            eb
              .selectFrom("jobs as due")
              .select("due.id")
              .where("due.kind", "in", kinds)
              .where((due) =>
                due.or([
                  due.and([due("due.state", "=", "ready"), due("due.run_at", "<=", now)]),
                  due.and([due("due.state", "=", "running"), due("due.lease_until", "<", now)]),
                ]),
              )
              .orderBy("due.run_at")
              .orderBy("due.id")
              .limit(1)
              .$call((qb) => (flavour.capabilities.skipLocked ? qb.forUpdate().skipLocked() : qb)),
          ),
        )
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async complete(id, worker, now) {
      return touchedAny(
        await held(id, worker).set({ state: "done", lease_until: null, finished_at: now }).executeTakeFirst(),
      );
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
