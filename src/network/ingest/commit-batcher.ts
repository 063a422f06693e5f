import type { MetadataRepositories, MetadataStore } from "../../storage/ports/index.js";

type Work<T> = (tx: MetadataRepositories) => Promise<T>;

interface Waiting {
  readonly work: Work<unknown>;
  /** Run instead of `work` when the transaction `work` ran in failed. */
  readonly fallback: Work<unknown> | null;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the transactions asked for at about the same time run in one transaction and share its
 * commit, so that many concurrent receives cost one flush to disk instead of one each. A batch takes whatever
 * was asked for until its transaction begins (at most `maxBatch`); what is asked for later goes to the next
 * one. Each caller hears back only once the commit is durable.
 *
 * When the shared transaction fails, each work of the batch runs again in a transaction of its own, so that
 * one bad write fails only its own caller. A work may therefore run twice (its first run rolled back), and must
 * write only through the repositories it is given. A caller may give a `fallback`: a simpler work that runs
 * instead of its own in that second transaction (also when its work failed alone), for instance the part of
 * the work that must not be lost, leaving the rest to a job.
 */
export class CommitBatcher {
  private waiting: Waiting[] = [];
  /** Transactions under way (running their works, committing, or waiting for their flush to disk). */
  private active = 0;
  /** A transaction has begun and will take what is waiting once it holds a connection. */
  private taking = false;
  private scheduled = false;

  /**
   * `lanes`: transactions under way at once. With two, the next batch runs while the last one's commit is
   * flushed to disk (on SQLite the connection is free by then; on PostgreSQL it is another connection). Each
   * store says how many suit it (`capabilities.commitLanes`).
   */
  constructor(
    private readonly store: Pick<MetadataStore, "transaction">,
    private readonly maxBatch = 256,
    private readonly lanes = 2,
  ) {}

  /** Runs `work` in a transaction shared with other callers; resolves with its result once committed. */
  run<T>(work: Work<T>, fallback: Work<T> | null = null): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, fallback, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Starts a transaction on the next turn of the event loop, when there is work and a free lane. */
  private schedule(): void {
    if (this.scheduled || this.taking || this.active >= this.lanes || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.taking || this.active >= this.lanes || this.waiting.length === 0) return;
      this.taking = true;
      this.active++;
      void this.runBatch().finally(() => {
        this.active--;
        this.schedule();
      });
    });
  }

  /** One shared transaction: it takes what is waiting when it begins, so that a batch is as large as it can be. */
  private async runBatch(): Promise<void> {
    let batch: Waiting[] = [];
    let taken = false;
    const take = (): void => {
      if (taken) return;
      taken = true;
      batch = this.waiting.splice(0, this.maxBatch);
      this.taking = false;
      this.schedule();
    };
    let results: unknown[];
    try {
      results = await this.store.transaction(async (tx) => {
        take();
        const out: unknown[] = [];
        for (const waiting of batch) out.push(await waiting.work(tx));
        return out;
      });
    } catch (error) {
      // The transaction could not even begin: what waits is tried alone, and fails alone if it must.
      take();
      const [only] = batch;
      if (batch.length === 1 && only !== undefined && only.fallback === null) {
        only.reject(error);
        return;
      }
      for (const waiting of batch) await this.alone(waiting);
      return;
    }
    batch.forEach((waiting, i) => {
      waiting.resolve(results[i]);
    });
  }

  /** After a failed shared transaction: the work (or its fallback) in a transaction of its own. */
  private async alone(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(await this.store.transaction(waiting.fallback ?? waiting.work));
    } catch (error) {
      waiting.reject(error);
    }
  }
}
