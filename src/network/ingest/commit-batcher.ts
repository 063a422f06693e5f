import type { MetadataRepositories, MetadataStore } from "../../storage/ports/index.js";

type Work<T> = (tx: MetadataRepositories) => Promise<T>;

interface Waiting {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the transactions asked for at about the same time run in one transaction and share its
 * commit, so that many concurrent receives cost one flush to disk instead of one each. A batch starts on the
 * next turn of the event loop, taking whatever was asked for until then (at most `maxBatch`); what is asked
 * for while it commits waits for the next one. Each caller hears back only once the commit is durable.
 *
 * When the shared transaction fails, each work of the batch runs again in a transaction of its own, so that
 * one bad write fails only its own caller. A work may therefore run twice (its first run rolled back), and must
 * write only through the repositories it is given.
 */
export class CommitBatcher {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly store: Pick<MetadataStore, "transaction">,
    private readonly maxBatch = 256,
  ) {}

  /** Runs `work` in a transaction shared with other callers; resolves with its result once committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: readonly Waiting[]): Promise<void> {
    const [only] = batch;
    if (batch.length === 1 && only !== undefined) {
      try {
        only.resolve(await this.store.transaction(only.work));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    let results: unknown[];
    try {
      results = await this.store.transaction(async (tx) => {
        const out: unknown[] = [];
        for (const waiting of batch) out.push(await waiting.work(tx));
        return out;
      });
    } catch {
      for (const waiting of batch) await this.commit([waiting]);
      return;
    }
    batch.forEach((waiting, i) => {
      waiting.resolve(results[i]);
    });
  }
}
