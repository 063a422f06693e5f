import { OpenVanError } from "../kernel/index.js";
import { type Delimiters, edifactDefaultDelimiters } from "./delimiters.js";
import type { ElementValue, InterchangeJson, SegmentJson } from "./edi-json.js";
import { x12BinarySegments } from "./x12/x12-dialect.js";

const binarySegments = x12BinarySegments();

export interface WriteOptions {
  /** Delimiters to write with instead of the interchange's own (re-delimiting); unset fields keep theirs. */
  readonly delimiters?: Partial<Delimiters>;
  /** What to put after each terminator instead of the interchange's own line break. */
  readonly lineBreak?: string;
}

/** ISA01..ISA16 widths; the writer pads to them. */
const isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
/** ISA elements that are numbers, padded with zeros on the left; the others take spaces on the right. */
const isaNumeric = new Set([13]);

/**
 * Writes interchanges in the lossless JSON form back to bytes, with their own delimiters or new ones.
 * X12 has no release character: a value holding a delimiter cannot be written and is refused with
 * EDI_WRITE_DELIMITER_IN_DATA. EDIFACT values are escaped with the release character.
 */
export function writeEdi(interchanges: readonly InterchangeJson[], options: WriteOptions = {}): Buffer {
  return Buffer.concat(interchanges.map((ic) => writeInterchange(ic, options)));
}

export function writeInterchange(ic: InterchangeJson, options: WriteOptions = {}): Buffer {
  const d: Delimiters = { ...ic.delimiters, ...options.delimiters };
  const lineBreak = options.lineBreak ?? ic.lineBreak;
  const enc: BufferEncoding = ic.encoding === "utf-8" ? "utf8" : "latin1";
  const escapeValue = makeEscaper(d);
  const parts: string[] = [];
  if (ic.standard === "edifact" && (ic.serviceStringAdvice || !sameAsDefaults(d, syntaxVersion(ic)))) {
    parts.push(
      `UNA${d.component}${d.element}${d.decimal ?? "."}${d.release ?? " "}${d.repetition ?? " "}${d.segment}${lineBreak}`,
    );
  }
  ic.segments.forEach((segment, index) => {
    const isIsa = ic.standard === "x12" && segment[0] === "ISA";
    const binaryLength = ic.standard === "x12" ? binarySegments.get(segment[0]) : undefined;
    const text = isIsa
      ? writeIsa(segment, d, escapeValue)
      : binaryLength !== undefined
        ? writeBinary(segment, d, binaryLength, enc)
        : writeSegment(segment, d, escapeValue, index);
    parts.push(text, d.segment, lineBreak);
  });
  return Buffer.from(parts.join(""), enc);
}

function writeSegment(
  segment: SegmentJson,
  d: Delimiters,
  escapeValue: (s: string, where: string) => string,
  index: number,
): string {
  const [tag, ...elements] = segment;
  let out = tag;
  elements.forEach((value, i) => {
    out +=
      d.element +
      writeElement(value, d, (s) => escapeValue(s, `segment ${index + 1} (${tag}) element ${i + 1}`));
  });
  return out;
}

function writeElement(value: ElementValue, d: Delimiters, escapeValue: (s: string) => string): string {
  const components = (v: string | string[]): string =>
    typeof v === "string" ? escapeValue(v) : v.map(escapeValue).join(d.component);
  if (typeof value === "string" || Array.isArray(value)) return components(value);
  if (d.repetition === null) {
    throw new OpenVanError(
      "EDI_WRITE_DELIMITER_IN_DATA",
      "an element has repetitions but the interchange has no repetition separator",
    );
  }
  return value.repeats.map(components).join(d.repetition);
}

/** A BIN/BDS segment: its data element goes out as it is, its length element says how long it is. */
function writeBinary(
  segment: SegmentJson,
  d: Delimiters,
  lengthPosition: number,
  enc: BufferEncoding,
): string {
  const values = segment.map((v) =>
    typeof v === "string" ? v : Array.isArray(v) ? v.join(d.component) : "",
  );
  const data = values[lengthPosition + 1] ?? "";
  values[lengthPosition] = String(Buffer.byteLength(data, enc));
  return values.join(d.element);
}

/** ISA elements are padded to their fixed widths; ISA11 and ISA16 follow the delimiters written. */
/**
 * ISA elements are padded to their fixed widths; ISA11 and ISA16 follow the delimiters written. A value
 * longer than its field cannot be written without changing it (a sender id cut short is another sender).
 */
function writeIsa(
  segment: SegmentJson,
  d: Delimiters,
  escapeValue: (s: string, where: string) => string,
): string {
  const values = segment.slice(1).map((v) => (typeof v === "string" ? v : ""));
  while (values.length < 16) values.push("");
  const version = Number(values[11]);
  if (version >= 402) values[10] = d.repetition ?? "U";
  values[15] = d.component;
  const padded = values.slice(0, 16).map((v, i) => {
    const width = isaWidths[i] as number;
    const where = `ISA${String(i + 1).padStart(2, "0")}`;
    if (i !== 10 && i !== 15) escapeValue(v, where);
    if (v.length > width) {
      throw new OpenVanError(
        "EDI_WRITE_VALUE_TOO_LONG",
        `${where} "${v}" is longer than its ${width} characters`,
      );
    }
    return isaNumeric.has(i + 1) ? v.padStart(width, "0") : v.padEnd(width, " ");
  });
  return ["ISA", ...padded].join(d.element);
}

function makeEscaper(d: Delimiters): (s: string, where: string) => string {
  const specials = [d.element, d.component, d.segment, ...(d.repetition === null ? [] : [d.repetition])];
  const release = d.release;
  if (release === null) {
    return (s, where) => {
      for (const c of specials) {
        if (c !== "" && s.includes(c)) {
          throw new OpenVanError(
            "EDI_WRITE_DELIMITER_IN_DATA",
            `${where} contains the delimiter ${JSON.stringify(c)}, which X12 cannot escapeValue`,
          );
        }
      }
      return s;
    };
  }
  const all = [release, ...specials];
  return (s) => {
    let out = "";
    for (const ch of s) out += all.includes(ch) ? release + ch : ch;
    return out;
  };
}

/**
 * Whether readers will take these delimiters without a UNA: the ISO 9735 defaults, with `*` as the
 * repetition separator from syntax version 4 on and none before.
 */
function sameAsDefaults(d: Delimiters, version: number): boolean {
  const x = edifactDefaultDelimiters;
  return (
    d.component === x.component &&
    d.element === x.element &&
    d.release === x.release &&
    d.segment === x.segment &&
    (d.decimal ?? ".") === x.decimal &&
    d.repetition === (version >= 4 ? "*" : null)
  );
}

/** The syntax version of an EDIFACT interchange, from its UNB (S001 component 2). */
function syntaxVersion(ic: InterchangeJson): number {
  const unb = ic.segments[0];
  const s001 = unb?.[0] === "UNB" ? unb[1] : undefined;
  return Array.isArray(s001) ? Number(s001[1]) : 0;
}
