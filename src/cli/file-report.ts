import type { Interchange } from "../edi/index.js";
import type { ErrorCode } from "../kernel/index.js";

/** A fault found in a file: an EDI error from the reader, or a failure to read the file. */
export interface FileError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Byte offset in the file. */
  readonly offset: number;
  /** 1-based segment position, or 0 when the fault is not inside a segment. */
  readonly segment: number;
  readonly tag?: string;
  readonly element?: number;
}

/** What `inspect` found in one file. */
export interface FileReport {
  readonly file: string;
  readonly interchanges: readonly Interchange[];
  readonly errors: readonly FileError[];
}
