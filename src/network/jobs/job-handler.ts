import type { JobRecord, MetadataRepositories } from "../../storage/ports/index.js";

/** Runs one job; the runner completes it once this resolves. Work that must commit with the job is staged. */
export type SimpleJobHandler = (job: JobRecord) => Promise<void>;

/**
 * A job handler in two stages, so that the runner can commit the work of many jobs together. `prepare` reads
 * what the job needs, outside any transaction (blobs, records; for several jobs at once); `apply` writes the
 * job's work in the runner's transaction, which also completes the job. `apply` may run twice for one job
 * (the first run rolled back with a batch that failed), so it must write only through the repositories it is
 * given, and check in them that the work is still to be done.
 */
export interface StagedJobHandler<P = unknown, R = unknown> {
  prepare(job: JobRecord): Promise<P>;
  apply(tx: MetadataRepositories, prepared: P, job: JobRecord): Promise<R>;
  /** Told once the transaction that applied the job has committed. */
  committed?(result: R, job: JobRecord): void;
}

export type JobHandler = SimpleJobHandler | StagedJobHandler;
