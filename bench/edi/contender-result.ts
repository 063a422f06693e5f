/** What a contender's child process prints on stdout, as one JSON line. */
export interface ContenderResult {
  readonly name: string;
  readonly bytes: number;
  readonly seconds: number;
  readonly segments: number;
  /** Transaction sets or messages, when the contender can tell. */
  readonly sets: number | null;
  readonly mbPerSec: number;
  readonly peakRssMB: number;
  /** Errors the reader reported about the data (a correct file has none). */
  readonly errors: number;
  readonly firstError: string | null;
  /** Set when the contender threw instead of finishing. */
  readonly failed: string | null;
}

/** 1 MB = 10^6 bytes throughout the benchmark. */
export const MB = 1e6;

export function isContenderResult(value: unknown): value is ContenderResult {
  if (typeof value !== "object" || value === null) return false;
  const fields = ["bytes", "seconds", "segments", "mbPerSec", "peakRssMB", "errors"] as const;
  return "name" in value && typeof value.name === "string" && fields.every((field) => field in value);
}
