/**
 * Turns the WRITE requests of one SFTP upload, each with its own offset, into the ordered stream of bytes that
 * ingest reads. A WRITE is answered once its bytes are queued below the high-water mark, so a fast client is
 * held back by its own window of outstanding requests and memory stays bounded whatever the file's size.
 * Clients write in order (OpenSSH's sftp and curl do); a write a little ahead of the next offset waits in
 * a bounded set until the gap is filled; a write behind it (a rewrite) is refused.
 *
 * The reader gets the bytes in batches (256 KiB unless told), not in the clients' 32 KiB writes: everything
 * that handles an upload's bytes after this (hashing, the envelope watch, the blob store's file writes) then
 * works a few thousand times per GiB instead of tens of thousands. A batch is one copy of the writes it joins,
 * which frees the packet buffers they were cut from at once.
 */
export class UploadStream {
  readonly #highWater: number;
  readonly #maxAhead: number;
  readonly #batchBytes: number;
  #next = 0;
  /** Batches ready for the reader. */
  #batches: Uint8Array[] = [];
  /** Writes taken in order and not yet joined into a batch. */
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Bytes in #batches and #pending together: what the high-water mark is about. */
  #queuedBytes = 0;
  readonly #ahead = new Map<number, Uint8Array>();
  #aheadBytes = 0;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #wake: (() => void) | null = null;
  #ended = false;
  #failure: Error | null = null;

  constructor(options: { highWaterBytes?: number; maxAheadBytes?: number; batchBytes?: number } = {}) {
    this.#highWater = options.highWaterBytes ?? 1024 * 1024;
    this.#maxAhead = options.maxAheadBytes ?? 16 * 1024 * 1024;
    // A batch never waits for more bytes than a held-back writer may send: the reader could wait for ever.
    this.#batchBytes = Math.max(1, Math.min(options.batchBytes ?? 256 * 1024, this.#highWater));
  }

  /** Bytes taken in order so far. */
  get size(): number {
    return this.#next;
  }

  /** Takes the bytes written at `offset`; resolves when the client may send more, throws when refused. */
  write(offset: number, data: Uint8Array): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    if (this.#ended) return Promise.reject(new Error("the upload is closed"));
    if (data.length === 0) return Promise.resolve();
    if (offset < this.#next) {
      return Promise.reject(
        new Error(
          `a write at offset ${offset} goes back before ${this.#next}; uploads are written once, in order`,
        ),
      );
    }
    if (offset > this.#next) {
      if (this.#ahead.has(offset) || this.#aheadBytes + data.length > this.#maxAhead) {
        return Promise.reject(
          new Error(
            `a write at offset ${offset} leaves a gap after ${this.#next}; uploads are written in order`,
          ),
        );
      }
      this.#ahead.set(offset, data);
      this.#aheadBytes += data.length;
      return Promise.resolve();
    }
    this.#enqueue(data);
    for (let chunk = this.#ahead.get(this.#next); chunk !== undefined; chunk = this.#ahead.get(this.#next)) {
      this.#ahead.delete(this.#next);
      this.#aheadBytes -= chunk.length;
      this.#enqueue(chunk);
    }
    if (this.#queuedBytes <= this.#highWater) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** No more bytes: the stream ends once the reader has the queued ones. Throws if a gap is left. */
  end(): void {
    if (this.#ahead.size > 0) {
      const first = Math.min(...this.#ahead.keys());
      this.fail(new Error(`the upload has a gap: bytes ${this.#next} to ${first} were never written`));
      throw this.#failure;
    }
    if (this.#pendingBytes > 0) this.#join();
    this.#ended = true;
    this.#poke();
  }

  /** Cuts the stream off: the reader throws `error`, and nothing it wrote is kept. */
  fail(error: Error): void {
    if (this.#failure !== null || this.#ended) return;
    this.#failure = error;
    this.#batches = [];
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#queuedBytes = 0;
    this.#ahead.clear();
    this.#release(error);
    this.#poke();
  }

  async *chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.#failure !== null) throw this.#failure;
      const batch = this.#batches.shift();
      if (batch !== undefined) {
        this.#queuedBytes -= batch.length;
        if (this.#queuedBytes <= this.#highWater) this.#release();
        yield batch;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #enqueue(data: Uint8Array): void {
    this.#pending.push(data);
    this.#pendingBytes += data.length;
    this.#queuedBytes += data.length;
    this.#next += data.length;
    if (this.#pendingBytes >= this.#batchBytes) this.#join();
  }

  /** Joins the pending writes into one batch for the reader (a single write is passed on as it is). */
  #join(): void {
    const pending = this.#pending;
    this.#batches.push(
      pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, this.#pendingBytes),
    );
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#poke();
  }

  #release(error?: Error): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
