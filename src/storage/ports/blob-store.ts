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
  close(): Promise<void>;
}
