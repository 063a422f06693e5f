import type { EdiError } from "../../src/edi/index.js";

/**
 * One input and one fault the reader must report for it: the code, where (offset, segment position, tag,
 * element, position inside the set) and the acknowledgment codes. Offsets are found in the input text, so
 * each case reads as "the fault is at this place".
 */
export interface ErrorCase {
  readonly name: string;
  readonly input: string;
  readonly expected: Partial<EdiError> & Pick<EdiError, "code">;
}

export const x12Isa =
  "ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*GROCERYCO      *240315*0930*^*00501*000000101*0*P*>~";

/** An X12 interchange: the ISA above, then each segment followed by `~`. */
export function x12(...segments: string[]): string {
  return x12Isa + segments.map((s) => `${s}~`).join("");
}

const unb = "UNB+UNOC:3+SENDER:14+RECEIVER:14+240315:0930+REF1";

/** An EDIFACT interchange with a UNA and the UNB above, then each segment followed by `'`. */
export function edifact(...segments: string[]): string {
  return `UNA:+.? '${[unb, ...segments].map((s) => `${s}'`).join("")}`;
}

/** Offset of `needle` in `input` plus `delta`; throws when the needle is missing, so a case cannot drift. */
export function at(input: string, needle: string, delta = 0): number {
  const i = input.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the input`);
  return i + delta;
}

export function errorCase(name: string, input: string, expected: ErrorCase["expected"]): ErrorCase {
  return { name, input, expected };
}
