import { createReadStream } from "node:fs";
import { CHUNK_SIZE, measure, type Tally } from "./measure.js";

/**
 * The floor: the least a streaming reader must do. It finds the segment terminator from the first bytes and
 * counts terminators with Buffer.indexOf; for EDIFACT it also skips terminators escaped by the release character.
 */
interface Syntax {
  readonly terminator: number;
  /** The release character, or -1 when there is none (X12). */
  readonly release: number;
  /** Bytes at the start that are not segments (the UNA service string advice). */
  readonly skip: number;
}

const ISA_TERMINATOR_OFFSET = 105;
const UNA_LENGTH = 9;
const UNA_RELEASE_OFFSET = 6;
const UNA_TERMINATOR_OFFSET = 8;
const SPACE = 0x20;

function detectSyntax(head: Buffer): Syntax {
  const tag = head.toString("latin1", 0, 3);
  if (tag === "ISA") return { terminator: head[ISA_TERMINATOR_OFFSET] ?? -1, release: -1, skip: 0 };
  if (tag === "UNA") {
    const release = head[UNA_RELEASE_OFFSET] ?? SPACE;
    return {
      terminator: head[UNA_TERMINATOR_OFFSET] ?? -1,
      release: release === SPACE ? -1 : release,
      skip: UNA_LENGTH,
    };
  }
  if (tag === "UNB") return { terminator: 0x27, release: 0x3f, skip: 0 };
  throw new Error(`neither X12 nor EDIFACT: starts with ${JSON.stringify(tag)}`);
}

/** Length of the run of `byte` that ends just before `end`, plus `carry` if the run reaches the chunk start. */
function runBefore(chunk: Buffer, end: number, byte: number, carry: number): number {
  let at = end - 1;
  while (at >= 0 && chunk[at] === byte) at--;
  return at < 0 ? end + carry : end - 1 - at;
}

async function countTerminators(path: string, tally: Tally): Promise<void> {
  let syntax: Syntax | undefined;
  let releaseRun = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_SIZE }) as AsyncIterable<Buffer>) {
    let from = 0;
    if (syntax === undefined) {
      syntax = detectSyntax(chunk);
      from = syntax.skip;
    }
    const { terminator, release } = syntax;
    let at = chunk.indexOf(terminator, from);
    while (at !== -1) {
      if (release < 0 || runBefore(chunk, at, release, releaseRun) % 2 === 0) tally.segments++;
      at = chunk.indexOf(terminator, at + 1);
    }
    if (release >= 0) releaseRun = runBefore(chunk, chunk.length, release, releaseRun);
  }
}

await measure("floor (indexOf)", countTerminators);
