import type { Delimiters } from "./delimiters.js";
import type { Standard } from "./envelope-model.js";

/**
 * One element in the lossless JSON form: a plain string; an array of strings when the element has
 * components; `{repeats: [...]}` when it has repetitions (each a string or an array of components).
 */
export type ElementValue = string | string[] | { repeats: Array<string | string[]> };

/** A segment: its tag, then its elements in order. */
export type SegmentJson = [string, ...ElementValue[]];

/**
 * An interchange in the lossless JSON form. `segments` holds every segment from ISA / UNB to IEA / UNZ
 * (a UNA is not a segment: `serviceStringAdvice` says whether to write one). Text is decoded with
 * `encoding`: UTF-8 when the interchange's bytes are valid UTF-8, else Latin-1, which maps each byte to one
 * character, so writing the JSON back gives the same bytes.
 */
export interface InterchangeJson {
  standard: Standard;
  delimiters: Delimiters;
  serviceStringAdvice: boolean;
  encoding: "utf-8" | "latin1";
  /** What follows each segment terminator in the original: "", "\n" or "\r\n". */
  lineBreak: string;
  segments: SegmentJson[];
}
