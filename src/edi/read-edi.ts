import type { EdiError } from "./edi-error.js";
import type { EdiHandler } from "./edi-handler.js";
import { EdiReader } from "./edi-reader.js";
import type { Interchange } from "./envelope-model.js";

export interface ReadResult {
  readonly interchanges: Interchange[];
  readonly errors: EdiError[];
}

/** Reads every interchange of a whole input, keeping sets; for documents that fit in memory. */
export function readEdi(bytes: Uint8Array, handler: EdiHandler = {}): ReadResult {
  const { reader, result } = collectingReader(handler);
  reader.write(bytes);
  reader.end();
  return result;
}

/** Reads a stream of chunks (a file stream, an HTTP body); memory grows only with the envelope model. */
export async function readEdiStream(
  source: AsyncIterable<Uint8Array>,
  handler: EdiHandler = {},
): Promise<ReadResult> {
  const { reader, result } = collectingReader(handler);
  for await (const chunk of source) reader.write(chunk);
  reader.end();
  return result;
}

function collectingReader(handler: EdiHandler): { reader: EdiReader; result: ReadResult } {
  const result: ReadResult = { interchanges: [], errors: [] };
  const reader = new EdiReader(
    {
      ...handler,
      interchangeEnd(interchange) {
        result.interchanges.push(interchange);
        handler.interchangeEnd?.(interchange);
      },
      error(error) {
        result.errors.push(error);
        handler.error?.(error);
      },
    },
    { keepSets: true },
  );
  return { reader, result };
}
