import type { Readable } from "node:stream";

/**
 * Answers the READ requests of one download (each asks for `length` bytes at an offset) from one stream of
 * the item, opened once and read on while the offsets follow each other, as they do when a client reads the
 * file through; a jump elsewhere opens the item again at the new offset. Requests are served one at a time.
 */
export class ItemReader {
  readonly #open: (start: number) => Promise<Readable>;
  readonly #size: number;
  #stream: Readable | null = null;
  #chunks: AsyncIterator<Buffer> | null = null;
  #leftover: Buffer = Buffer.alloc(0);
  #position = 0;
  #turn: Promise<unknown> = Promise.resolve();

  constructor(size: number, open: (start: number) => Promise<Readable>) {
    this.#size = size;
    this.#open = open;
  }

  /** Up to `length` bytes at `offset`; null at or past the end. */
  read(offset: number, length: number): Promise<Buffer | null> {
    const result = this.#turn.then(() => this.#read(offset, length));
    this.#turn = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.#stream?.destroy();
    this.#stream = null;
    this.#chunks = null;
  }

  async #read(offset: number, length: number): Promise<Buffer | null> {
    if (offset >= this.#size || length <= 0) return null;
    if (this.#chunks === null || offset !== this.#position) {
      this.close();
      this.#stream = await this.#open(offset);
      this.#chunks = this.#stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      this.#leftover = Buffer.alloc(0);
      this.#position = offset;
    }
    const want = Math.min(length, this.#size - offset);
    const parts: Buffer[] = [];
    let have = 0;
    while (have < want) {
      if (this.#leftover.length === 0) {
        const next = await this.#chunks.next();
        if (next.done) break;
        this.#leftover = next.value;
      }
      const take = this.#leftover.subarray(0, want - have);
      this.#leftover = this.#leftover.subarray(take.length);
      parts.push(take);
      have += take.length;
    }
    this.#position += have;
    return have === 0 ? null : parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, have);
  }
}
