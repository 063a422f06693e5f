import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { type ContenderResult, MB } from "../contender-result.js";

/** Every streaming contender reads the file in chunks of this size. */
export const CHUNK_SIZE = 1 << 16;

/** Counters a contender fills in while it reads; left as they are if it throws. */
export interface Tally {
  segments: number;
  sets: number | null;
  errors: number;
  firstError: string | null;
}

/**
 * Runs `read` once over the file named on the command line, timing it, and prints a ContenderResult
 * as one JSON line on stdout. Peak RSS is the process's high-water mark, so one process reads one file.
 */
export async function measure(
  name: string,
  read: (path: string, tally: Tally) => Promise<void>,
): Promise<void> {
  const path = process.argv[2];
  if (path === undefined) throw new Error(`usage: node ${process.argv[1]} FILE`);
  const bytes = statSync(path).size;
  const tally: Tally = { segments: 0, sets: null, errors: 0, firstError: null };
  let failed: string | null = null;
  const start = performance.now();
  try {
    await read(path, tally);
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
  }
  const seconds = (performance.now() - start) / 1000;
  const result: ContenderResult = {
    name,
    bytes,
    seconds,
    segments: tally.segments,
    sets: tally.sets,
    mbPerSec: bytes / MB / seconds,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    errors: tally.errors,
    firstError: tally.firstError,
    failed,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
