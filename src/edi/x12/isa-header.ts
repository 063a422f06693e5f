import type { Delimiters } from "../delimiters.js";
import { describeByte, type EdiError, ediError } from "../edi-error.js";

/** Fixed widths of ISA01..ISA15. */
const isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1] as const;
/** A real ISA is 106 bytes; a loosely padded one is allowed some slack before we give up looking for ISA16. */
const isaSearchLimit = 512;

export type IsaHeaderResult =
  | { readonly kind: "need-more" }
  | { readonly kind: "invalid"; readonly error: EdiError }
  | {
      readonly kind: "ok";
      /** Bytes from `I` of ISA to the end of the segment terminator. */
      readonly length: number;
      /** Bytes of the segment itself (terminator excluded). */
      readonly segmentLength: number;
      readonly delimiters: Delimiters;
      /** ISA01..ISA16 as written. */
      readonly elements: readonly string[];
      /** Width and value faults; the header is still usable. */
      readonly warnings: readonly EdiError[];
    };

/**
 * Reads the delimiters and elements of an ISA header starting at `at`: the element separator is the byte after
 * `ISA`, ISA16 (the byte after the 16th separator) is the component separator, and the next character is the
 * segment terminator. Counting separators rather than trusting fixed offsets also reads headers whose fields are
 * not padded to width, and reports the width faults.
 */
export function readIsaHeader(
  buf: Buffer,
  at: number,
  final: boolean,
  offset: number,
  position: number,
): IsaHeaderResult {
  const where = { offset, segment: position, tag: "ISA" };
  const sep = buf[at + 3];
  if (sep === undefined) return final ? truncated(where) : { kind: "need-more" };
  if (isAlphanumeric(sep) || sep === 0x20 || sep === 0x0d || sep === 0x0a) {
    return invalid(
      "EDI_ISA_INVALID",
      `the element separator after "ISA" is ${describeByte(sep)}, which cannot be a delimiter`,
      { ...where, element: 1 },
    );
  }
  const starts: number[] = [];
  let i = at + 3;
  const limit = Math.min(buf.length, at + isaSearchLimit);
  while (starts.length < 16 && i < limit) {
    if (buf[i] === sep) starts.push(i + 1);
    i++;
  }
  if (starts.length < 16) {
    if (!final && buf.length < at + isaSearchLimit) return { kind: "need-more" };
    if (buf.length <= limit) return truncated(where);
    return invalid(
      "EDI_ISA_INVALID",
      `the ISA header has ${starts.length} elements within ${isaSearchLimit} bytes; it needs 16`,
      where,
    );
  }
  const componentAt = starts[15] as number;
  if (componentAt >= buf.length) return final ? truncated(where) : { kind: "need-more" };
  const component = buf[componentAt] as number;
  const terminatorAt = componentAt + utf8CharLength(buf, componentAt);
  if (terminatorAt >= buf.length) return final ? truncated(where) : { kind: "need-more" };
  const termLength = utf8CharLength(buf, terminatorAt);
  if (terminatorAt + termLength > buf.length) return final ? truncated(where) : { kind: "need-more" };
  const term = buf[terminatorAt] as number;
  const elements: string[] = [];
  for (let k = 0; k < 16; k++) {
    const s = starts[k] as number;
    const e = k < 15 ? (starts[k + 1] as number) - 1 : terminatorAt;
    // A hard-wrapped file may break a line inside the ISA; line breaks are layout, not data.
    elements.push(buf.toString("latin1", s, e).replace(/[\r\n]/g, ""));
  }
  if (isAlphanumeric(term) || term === sep || term === component) {
    return invalid(
      "EDI_ISA_INVALID",
      `the segment terminator after ISA16 is ${describeByte(term)}, which cannot be a delimiter`,
      { ...where, offset: offset + terminatorAt - at, element: 16 },
    );
  }
  if (isAlphanumeric(component) || component === sep) {
    return invalid(
      "EDI_ISA_INVALID",
      `ISA16 (component separator) is ${describeByte(component)}, which cannot be a delimiter`,
      { ...where, offset: offset + componentAt - at, element: 16 },
    );
  }
  const warnings: EdiError[] = [];
  // ISA16 is one character by construction (perhaps several bytes of UTF-8), so only ISA01..ISA15 are measured.
  elements.slice(0, 15).forEach((value, k) => {
    const width = isaWidths[k] as number;
    if (value.length !== width) {
      warnings.push(
        ediError(
          "EDI_ISA_FIELD_WIDTH",
          `ISA${pad2(k + 1)} is ${value.length} characters wide; it must be ${width}`,
          {
            ...where,
            offset: offset + (starts[k] as number) - at,
            element: k + 1,
          },
        ),
      );
    }
  });
  const version = (elements[11] as string).trim();
  if (!/^\d{5}$/.test(version)) {
    warnings.push(
      ediError(
        "EDI_ISA_FIELD_VALUE",
        `ISA12 (version) is "${version}"; it must be five digits such as 00401 or 00501`,
        {
          ...where,
          offset: offset + (starts[11] as number) - at,
          element: 12,
        },
      ),
    );
  }
  const repetitionChar = elements[10] as string;
  const hasRepetition = Number(version) >= 402 && repetitionChar !== "U" && repetitionChar.length === 1;
  let repetition = hasRepetition && !isAlphanumeric(repetitionChar.charCodeAt(0)) ? repetitionChar : null;
  const terminator = buf.toString("latin1", terminatorAt, terminatorAt + termLength);
  const componentText = buf.toString("latin1", componentAt, terminatorAt);
  if (repetition !== null && [String.fromCharCode(sep), componentText, terminator].includes(repetition)) {
    warnings.push(
      ediError(
        "EDI_ISA_FIELD_VALUE",
        `ISA11 (repetition separator) ${describeByte(repetition.charCodeAt(0))} is already another delimiter`,
        {
          ...where,
          offset: offset + (starts[10] as number) - at,
          element: 11,
        },
      ),
    );
    repetition = null;
  }
  return {
    kind: "ok",
    length: terminatorAt + termLength - at,
    segmentLength: terminatorAt - at,
    elements,
    warnings,
    delimiters: {
      element: String.fromCharCode(sep),
      component: componentText,
      repetition,
      segment: terminator,
      release: null,
      decimal: null,
    },
  };
}

/**
 * A delimiter is one byte, except a non-ASCII character written in UTF-8 (seen in the wild: `Ö` as the
 * terminator, `¦` as ISA16), whose continuation bytes belong to it.
 */
function utf8CharLength(buf: Buffer, at: number): number {
  const lead = buf[at] as number;
  const need =
    lead >= 0xc2 && lead <= 0xdf
      ? 1
      : lead >= 0xe0 && lead <= 0xef
        ? 2
        : lead >= 0xf0 && lead <= 0xf4
          ? 3
          : 0;
  for (let k = 1; k <= need; k++) {
    const b = buf[at + k];
    if (b === undefined) return 1 + need; // not yet read; the caller waits for more bytes
    if (b < 0x80 || b > 0xbf) return 1;
  }
  return 1 + need;
}

function truncated(where: { offset: number; segment: number; tag: string }): IsaHeaderResult {
  return invalid("EDI_TRUNCATED", "the input ends inside the ISA header", where);
}

function invalid(
  code: "EDI_ISA_INVALID" | "EDI_TRUNCATED",
  message: string,
  where: Parameters<typeof ediError>[2],
): IsaHeaderResult {
  return { kind: "invalid", error: ediError(code, message, where) };
}

export function isAlphanumeric(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
