import { newId } from "../../kernel/index.js";
import type { JobRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";

export type JobHandler = (job: JobRecord) => Promise<void>;

export interface JobRunnerOptions {
  /** How many jobs this runner works on at once. */
  readonly concurrency: number;
  /** How long a claimed job is ours before another worker may take it over. */
  readonly leaseMs: number;
  /** How long to wait before looking again when the queue was empty. */
  readonly idleMs: number;
}

export const defaultJobRunnerOptions: JobRunnerOptions = { concurrency: 4, leaseMs: 60_000, idleMs: 100 };

/** Delay before attempt n+1: 1 s, 2 s, 4 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims jobs from the durable queue and runs their handlers. A handler that throws gets the job retried with
 * backoff; after the job's last attempt it goes to the visible dead-letter state. A runner that dies holds
 * its jobs only until their leases run out.
 */
export class JobRunner {
  private readonly worker = newId("wrk_");
  private running = false;
  private readonly waiters = new Set<() => void>();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly ctx: NetworkContext,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: JobRunnerOptions = defaultJobRunnerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop());
  }

  /** Looks at the queue now instead of after the idle pause (called when a job was just queued here). */
  poke(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  /** Runs due jobs until none is left; for tools and tests that do not start the loops. */
  async drain(): Promise<number> {
    let ran = 0;
    while (await this.runOne()) ran++;
    return ran;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOne();
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

  private async runOne(): Promise<boolean> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    const job = await store.jobs.claim(
      Object.keys(this.handlers),
      this.worker,
      now.toISOString(),
      new Date(now.getTime() + this.options.leaseMs).toISOString(),
    );
    if (job === null) return false;
    const handler = this.handlers[job.kind];
    try {
      if (handler === undefined) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job);
      await store.jobs.complete(job.id, this.worker, clock.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = clock.now();
      if (job.attempts >= job.maxAttempts)
        await store.jobs.bury(job.id, this.worker, message, at.toISOString());
      else
        await store.jobs.retry(
          job.id,
          this.worker,
          new Date(at.getTime() + backoffMs(job.attempts)).toISOString(),
          message,
        );
    }
    return true;
  }
}
