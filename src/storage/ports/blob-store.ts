import type { Readable } from "node:stream";

export interface BlobInfo {
  readonly key: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BlobPutOptions {
  /** Refuse (and leave nothing behind) when the stream is longer than this. */
  readonly maxBytes?: number;
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
