import { EdiReader, type EdiReaderOptions, type ReadResult } from "../../src/edi/index.js";

/** The chunk sizes every input is read in: single bytes, odd splits, and a typical small buffer. */
export const chunkSizes: readonly number[] = [1, 2, 3, 7, 64];

/**
 * Reads `bytes` in chunks of `size` bytes (the whole input at once when `size` is at least its length), with
 * the options `readEdi` uses, so that the result can be compared with `readEdi(bytes)` deep-equal.
 */
export function readInChunks(bytes: Uint8Array, size: number, options: EdiReaderOptions = {}): ReadResult {
  const result: ReadResult = { interchanges: [], errors: [] };
  const reader = new EdiReader(
    {
      interchangeEnd: (interchange) => result.interchanges.push(interchange),
      error: (error) => result.errors.push(error),
    },
    { keepSets: true, ...options },
  );
  for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
  reader.end();
  return result;
}
