import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { type Clock, newId, systemClock } from "../../kernel/index.js";
import { blobNotFound, blobTooLarge, checkRange } from "../blob-common/index.js";
import type { BlobStore, MetadataRepositories, MetadataStore } from "../ports/index.js";

export interface TieredBlobStoreOptions {
  /** Where the blobs larger than `smallMaxBytes` go: a local folder, S3. */
  readonly large: BlobStore;
  /** The metadata database, which keeps the small blobs. */
  readonly store: MetadataStore;
  /**
   * Runs the write of a small blob in a transaction and resolves once it is committed: a group commit shared
   * with the other writes of the moment, so that many small blobs cost one flush to disk.
   */
  readonly commit: <T>(work: (tx: MetadataRepositories) => Promise<T>) => Promise<T>;
  /** Blobs of at most this many bytes are kept in the metadata database. */
  readonly smallMaxBytes: number;
  readonly clock?: Clock;
}

/** Keys of the small blobs; the large store's keys never start so. */
const smallPrefix = "sb_";

/**
 * Small blobs in the metadata database, large ones in the blob store. Most EDI interchanges are a few
 * kilobytes; a file of its own for each costs more than everything else about it (creating the file, flushing
 * it and its folder). A small blob is instead one row, committed and flushed together with the rows of other
 * messages received at the same moment. `put` reads up to `smallMaxBytes` into memory to decide; anything
 * larger is streamed on to the large store, so memory stays bounded whatever the size.
 */
export function tieredBlobStore(options: TieredBlobStoreOptions): BlobStore {
  const { large, store, commit, smallMaxBytes } = options;
  const clock = options.clock ?? systemClock;
  const isSmall = (key: string): boolean => key.startsWith(smallPrefix);

  return {
    async put(source, putOptions) {
      const maxBytes = putOptions?.maxBytes ?? Number.POSITIVE_INFINITY;
      const iterator = source[Symbol.asyncIterator]();
      const head: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        head.push(next.value);
        size += next.value.length;
        if (size > maxBytes) {
          await iterator.return?.();
          throw blobTooLarge(maxBytes);
        }
        if (size > smallMaxBytes) return large.put(rest(head, iterator), putOptions);
      }
      const content = Buffer.concat(head, size);
      const sha256 = createHash("sha256").update(content).digest("hex");
      const key = newId(smallPrefix);
      const write = (tx: MetadataRepositories): Promise<void> =>
        tx.smallBlobs.insert({ key, content, sha256, createdAt: clock.now().toISOString() });
      if (putOptions?.deferSmall) return { key, size, sha256, commitIn: write };
      await commit(write);
      return { key, size, sha256 };
    },

    async get(key, range) {
      if (!isSmall(key)) return large.get(key, range);
      if (range !== undefined) checkRange(range);
      const content = await store.smallBlobs.content(key);
      if (content === null) throw blobNotFound(key);
      const bytes = range === undefined ? content : content.subarray(range.start, range.end);
      return Readable.from(bytes.length === 0 ? [] : [Buffer.from(bytes)]);
    },

    size: (key) => (isSmall(key) ? store.smallBlobs.size(key) : large.size(key)),

    delete: (key) => (isSmall(key) ? store.smallBlobs.delete(key) : large.delete(key)),

    // Small blobs are put with `deferSmall` and committed in the transaction of the records that refer to them:
    // only large blobs can be left without records.
    listOlderThan: (before, after, limit) => large.listOlderThan(before, after, limit),

    close: () => large.close(),
  };
}

/** The chunks read already, then the rest of the source; the source is closed if the reader stops early. */
async function* rest(
  head: readonly Uint8Array[],
  iterator: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  let done = false;
  try {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await iterator.return?.();
  }
}
