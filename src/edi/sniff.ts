import type { Standard } from "./envelope-model.js";
import { isAlphanumeric } from "./x12/isa-header.js";

export type EnvelopeStart = "ISA" | "UNA" | "UNB";

/**
 * Which envelope begins at `at`: `ISA`, `UNA` or `UNB` followed by a delimiter (not a letter, digit or line
 * break), or null.
 */
export function envelopeStartAt(buf: Uint8Array, at: number): EnvelopeStart | null {
  const a = buf[at];
  const b = buf[at + 1];
  const c = buf[at + 2];
  const next = buf[at + 3];
  if (next === undefined || isAlphanumeric(next) || next === 0x0a || next === 0x0d || next === 0x20)
    return null;
  if (a === 0x49 && b === 0x53 && c === 0x41) return "ISA";
  if (a === 0x55 && b === 0x4e) {
    if (c === 0x41) return "UNA";
    if (c === 0x42) return "UNB";
  }
  return null;
}

/** Index of the next envelope start at or after `from`, or -1. */
export function findEnvelopeStart(buf: Buffer, from: number): number {
  let best = -1;
  for (const tag of ["ISA", "UN"]) {
    let i = buf.indexOf(tag, from, "latin1");
    while (i >= 0 && (best < 0 || i < best)) {
      if (envelopeStartAt(buf, i) !== null) {
        best = i;
        break;
      }
      i = buf.indexOf(tag, i + 1, "latin1");
    }
  }
  return best;
}

/** Skips what may stand before or between interchanges: blanks, line breaks, NUL, Ctrl-Z and a UTF-8 BOM. */
export function skipFiller(buf: Uint8Array, from: number): number {
  let i = from;
  while (i < buf.length) {
    const b = buf[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x00 || b === 0x1a) i++;
    else if (b === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) i += 3;
    else break;
  }
  return i;
}

/** The standard of the first interchange in `head` (the first bytes of a file), or null when it is not EDI. */
export function sniff(head: Uint8Array): { standard: Standard; offset: number } | null {
  const at = skipFiller(head, 0);
  const start = envelopeStartAt(head, at);
  if (start === null) return null;
  return { standard: start === "ISA" ? "x12" : "edifact", offset: at };
}
