import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import type { OpenVanError } from "../../kernel/index.js";
import { blobTooLarge } from "./blob-too-large.js";

/**
 * A pass-through stream that hashes (SHA-256) and counts the bytes going through it, and fails with
 * BLOB_TOO_LARGE as soon as they pass `maxBytes`. Blob stores put it between the source and the storage so
 * that the whole blob is never in memory.
 */
export class MeasuringStream extends Transform {
  readonly #hash = createHash("sha256");
  readonly #maxBytes: number;
  #size = 0;
  /** Why the stream failed, once it has. */
  failure: OpenVanError | null = null;

  constructor(maxBytes = Number.POSITIVE_INFINITY) {
    super();
    this.#maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      this.failure = blobTooLarge(this.#maxBytes);
      callback(this.failure);
      return;
    }
    this.#hash.update(chunk);
    callback(null, chunk);
  }

  /** Size and SHA-256 (hex) of what went through; call once the stream has ended. */
  result(): { readonly size: number; readonly sha256: string } {
    return { size: this.#size, sha256: this.#hash.digest("hex") };
  }
}
