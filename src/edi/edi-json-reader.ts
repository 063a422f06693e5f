import { isUtf8 } from "node:buffer";
import type { Delimiters } from "./delimiters.js";
import type { EdiError } from "./edi-error.js";
import type { ElementValue, InterchangeJson, SegmentJson } from "./edi-json.js";
import { readEdi } from "./read-edi.js";
import { detectUtf16, utf16ToUtf8 } from "./utf16-input.js";

export interface JsonReadResult {
  readonly interchanges: InterchangeJson[];
  readonly errors: EdiError[];
}

/** Reads a whole input into the lossless JSON form, one entry per interchange. */
export function readEdiJson(input: Buffer): JsonReadResult {
  // UTF-16 input is read as UTF-8 (see EdiReader), so offsets and encoding checks must look at the same bytes.
  const utf16 = detectUtf16(input);
  const bytes = utf16 === null ? input : utf16ToUtf8(utf16)(input, true);
  const out: InterchangeJson[] = [];
  let current: InterchangeJson | null = null;
  let lineBreakAt = -1;
  const { errors } = readEdi(bytes, {
    interchangeStart(header) {
      current = {
        standard: header.standard,
        delimiters: header.delimiters,
        serviceStringAdvice: header.serviceStringAdvice,
        encoding: "latin1",
        lineBreak: "",
        segments: [],
      };
      lineBreakAt = -1;
    },
    segment(segment) {
      const ic = current;
      if (ic === null) return;
      if (lineBreakAt < 0) {
        lineBreakAt =
          segment.offset + segment.raw().length + Buffer.byteLength(ic.delimiters.segment, "latin1");
        ic.lineBreak = lineBreakAfter(bytes, lineBreakAt, ic.delimiters.segment);
      }
      ic.segments.push(segment.toJson("latin1"));
    },
    interchangeEnd(interchange) {
      const ic = current;
      if (ic === null) return;
      if (isUtf8(bytes.subarray(interchange.range.start, interchange.range.end))) {
        ic.encoding = "utf-8";
        ic.segments = ic.segments.map((s) => s.map(latin1ToUtf8) as SegmentJson);
        ic.delimiters = delimitersToUtf8(ic.delimiters);
      }
      out.push(ic);
      current = null;
    },
  });
  return { interchanges: out, errors };
}

function lineBreakAfter(bytes: Buffer, at: number, terminator: string): string {
  if (terminator === "\n" || terminator === "\r\n") return "";
  if (bytes[at] === 0x0d && bytes[at + 1] === 0x0a) return "\r\n";
  if (terminator !== "\r" && bytes[at] === 0x0a) return "\n";
  if (terminator === "\r" && bytes[at] === 0x0a) return "\n";
  return "";
}

function delimitersToUtf8(d: Delimiters): Delimiters {
  const conv = (s: string | null): string | null =>
    s === null ? null : Buffer.from(s, "latin1").toString("utf8");
  return {
    element: conv(d.element) as string,
    component: conv(d.component) as string,
    repetition: conv(d.repetition),
    segment: conv(d.segment) as string,
    release: conv(d.release),
    decimal: conv(d.decimal),
  };
}

function latin1ToUtf8<T extends ElementValue>(value: T): T {
  const conv = (s: string): string => Buffer.from(s, "latin1").toString("utf8");
  if (typeof value === "string") return conv(value) as T;
  if (Array.isArray(value)) return value.map(conv) as T;
  return { repeats: value.repeats.map((r) => (typeof r === "string" ? conv(r) : r.map(conv))) } as T;
}
