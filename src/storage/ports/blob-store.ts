import type { Readable } from "node:stream";
import type { MetadataRepositories } from "./metadata-store.js";

export interface BlobInfo {
  readonly key: string;
  readonly size: number;
  readonly sha256: string;
  /**
   * Only after a put with `deferSmall` that a store kept in the metadata database: the blob is not written
   * yet; it exists once the caller runs this in the transaction that commits the records referring to it.
   */
  readonly commitIn?: (tx: MetadataRepositories) => Promise<void>;
}

export interface BlobPutOptions {
  /** Refuse (and leave nothing behind) when the stream is longer than this. */
  readonly maxBytes?: number;
  /**
   * The caller commits a small blob in its own transaction (see BlobInfo.commitIn) rather than the store in one
   * of its own: one commit instead of two, and no blob without the records that refer to it.
   */
  readonly deferSmall?: boolean;
}

/**
 * Where message bytes live. A blob is written once and never changed. `put` streams in constant memory,
 * hashing as the bytes pass, and resolves only once the blob is durable; a failed or aborted put leaves no
 * blob behind. Two real implementations: a local folder and S3.
 */
export interface BlobStore {
  put(source: AsyncIterable<Uint8Array>, options?: BlobPutOptions): Promise<BlobInfo>;
  /** Streams a blob, or bytes `[start, end)` of it. Throws BLOB_NOT_FOUND when there is no such blob. */
  get(key: string, range?: { readonly start: number; readonly end: number }): Promise<Readable>;
  /** Size in bytes, or null when there is no such blob. */
  size(key: string): Promise<number | null>;
  /** Removes a blob; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Keys of the finished blobs written before `before`, up to `limit`, for the sweep that removes blobs no record
   * refers to (a crash between a put and the commit of its records leaves one). Keys come in an order of the
   * store's own; pass the last key of a page as `after` for the next page (it need not exist any more). A page
   * of fewer than `limit` keys is the last. Uploads under way are never listed; neither is anything in the
   * store that this store did not write. "Written" is when the upload began or ended, whichever the backend
   * records (S3: began), so the caller's margin must be longer than any upload takes. Small blobs kept in the
   * metadata database are not listed: they are committed with the records that refer to them.
   */
  listOlderThan(before: Date, after: string | null, limit: number): Promise<readonly string[]>;
  close(): Promise<void>;
}
