import { newId } from "../../kernel/index.js";
import type { JobRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import type { JobHandler } from "./job-handler.js";

export interface JobRunnerOptions {
  /** How many claim-and-run loops this runner keeps going at once. */
  readonly concurrency: number;
  /** How long a claimed job is ours before another worker may take it over; renewed while the job runs. */
  readonly leaseMs: number;
  /** How long to wait before looking again when the queue was empty. */
  readonly idleMs: number;
  /** Most jobs one loop claims at once; the staged ones among them commit in one transaction (default 32). */
  readonly batchSize?: number;
}

export const defaultJobRunnerOptions: JobRunnerOptions = {
  concurrency: 2,
  leaseMs: 60_000,
  idleMs: 100,
  batchSize: 32,
};

/** Delay before attempt n+1: 1 s, 2 s, 4 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims jobs from the durable queue, several at a time, and runs their handlers. A staged handler's work is
 * written in the transaction that also completes its job, so that a job is done exactly when its work is
 * committed; the transactions of the moment commit together (see CommitBatcher). A handler that throws gets
 * its job retried with backoff; after the job's last attempt it goes to the visible dead-letter state. The
 * leases of running jobs are renewed until they finish; a runner that dies holds its jobs only until their
 * leases run out.
 */
export class JobRunner {
  private readonly worker = newId("wrk_");
  private running = false;
  private readonly waiters = new Set<() => void>();
  private poked = false;
  private readonly loops: Promise<void>[] = [];
  private readonly kinds: readonly string[];
  /**
   * When (by the clock, ms) to look again for jobs whose lease ran out: a worker dies rarely, so looking for its
   * jobs at most every quarter lease (a second at most) spares a statement per claim at no cost in delay.
   */
  private nextExpiredLook = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: NetworkContext,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: JobRunnerOptions = defaultJobRunnerOptions,
  ) {
    this.kinds = Object.keys(handlers);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  /**
   * Looks at the queue now instead of after the idle pause (called when a job was just queued here). The pokes
   * of one turn of the event loop wake one idle loop, which claims what they queued as one batch.
   */
  poke(): void {
    if (this.poked) return;
    this.poked = true;
    setImmediate(() => {
      this.poked = false;
      const [first] = this.waiters;
      first?.();
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const waiter of [...this.waiters]) waiter();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  /** Runs due jobs until none is left; for tools and tests that do not start the loops. */
  async drain(): Promise<number> {
    let ran = 0;
    this.nextExpiredLook = Number.NEGATIVE_INFINITY;
    for (let claimed = await this.runBatch(); claimed > 0; claimed = await this.runBatch()) ran += claimed;
    return ran;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = (await this.runBatch()) > 0;
      } catch {
        // The queue itself failed (database away): pause, then try again.
      }
      if (!worked && this.running) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.idleMs);
      this.waiters.add(done);
    });
  }

  private leaseUntil(): string {
    return new Date(this.ctx.clock.now().getTime() + this.options.leaseMs).toISOString();
  }

  /** Claims up to a batch of due jobs and runs them; how many it claimed. */
  private async runBatch(): Promise<number> {
    const { store, clock, commits } = this.ctx;
    const now = clock.now().getTime();
    const expired = now >= this.nextExpiredLook;
    if (expired) this.nextExpiredLook = now + Math.min(1000, this.options.leaseMs / 4);
    const jobs = await commits.run((tx) =>
      tx.jobs.claimBatch(
        this.kinds,
        this.worker,
        new Date(now).toISOString(),
        this.leaseUntil(),
        this.options.batchSize ?? 32,
        { expired },
      ),
    );
    if (jobs.length === 0) return 0;
    // A job that runs longer than its lease (a large file) keeps it, so that no other worker takes it over.
    const ids = jobs.map((job) => job.id);
    const renewal = setInterval(() => {
      store.jobs.extendLease(ids, this.worker, this.leaseUntil()).catch(() => {
        // The database is away: the leases run out and the jobs are taken again later.
      });
    }, this.options.leaseMs / 3);
    renewal.unref();
    try {
      await Promise.all(jobs.map((job) => this.runJob(job)));
    } finally {
      clearInterval(renewal);
    }
    return jobs.length;
  }

  /**
   * Runs one claimed job. A job is completed in the transaction that commits its work (for a simple handler,
   * right after it); that transaction is shared with the other jobs and receives of the moment (group commit).
   * A job whose lease ran out and that another worker took is that worker's to finish.
   */
  private async runJob(job: JobRecord): Promise<void> {
    const { clock, commits } = this.ctx;
    const handler = this.handlers[job.kind];
    try {
      if (handler === undefined) throw new Error(`no handler for job kind ${job.kind}`);
      if (typeof handler === "function") {
        await handler(job);
        await commits.run((tx) => tx.jobs.complete(job.id, this.worker, clock.now().toISOString()));
        return;
      }
      const prepared = await handler.prepare(job);
      const outcome = await commits.run(async (tx) =>
        (await tx.jobs.complete(job.id, this.worker, clock.now().toISOString()))
          ? { result: await handler.apply(tx, prepared, job) }
          : null,
      );
      if (outcome !== null) handler.committed?.(outcome.result, job);
    } catch (error) {
      await this.fail(job, error);
    }
  }

  /** Another attempt later with backoff, or the dead-letter state after the last one. */
  private async fail(job: JobRecord, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const at = this.ctx.clock.now();
    if (job.attempts >= job.maxAttempts)
      await this.ctx.store.jobs.bury(job.id, this.worker, message, at.toISOString());
    else
      await this.ctx.store.jobs.retry(
        job.id,
        this.worker,
        new Date(at.getTime() + backoffMs(job.attempts)).toISOString(),
        message,
      );
  }
}
