import type { DelimiterBytes } from "../delimiters.js";

export type BinaryScan =
  | { readonly kind: "none" }
  | { readonly kind: "need-more" }
  | { readonly kind: "ok"; readonly starts: readonly number[]; readonly dataEnd: number }
  | { readonly kind: "invalid"; readonly message: string; readonly at: number; readonly element: number };

/** Longest length element we accept: a binary length past 18 digits is not a length. */
const maxLengthDigits = 18;

/**
 * Reads a binary segment (X12 BIN or BDS) at `start`: its length element says how many bytes of raw data
 * follow the next separator; the segment terminator must come right after them. Only the length decides
 * where the data ends, since it may contain any byte.
 */
export function scanBinarySegment(
  buf: Buffer,
  start: number,
  d: DelimiterBytes,
  binary: ReadonlyMap<string, number>,
  final: boolean,
  maxBytes: number,
): BinaryScan {
  const tagEnd = buf.indexOf(d.element, start);
  if (tagEnd < 0 || tagEnd - start > 3) return { kind: "none" };
  const lengthPos = binary.get(buf.toString("latin1", start, tagEnd));
  if (lengthPos === undefined) return { kind: "none" };
  const starts = [start];
  let sep = tagEnd;
  for (let k = 1; k <= lengthPos; k++) {
    starts.push(sep + 1);
    const next = buf.indexOf(d.element, sep + 1);
    if (next < 0 || next - sep > 80) {
      if (!final && buf.length - sep < 80) return { kind: "need-more" };
      return {
        kind: "invalid",
        message: `element ${k} of the binary segment has no separator after it`,
        at: sep + 1,
        element: k,
      };
    }
    sep = next;
  }
  const lengthStart = starts[lengthPos] as number;
  const text = buf.toString("latin1", lengthStart, sep);
  if (!/^\d+$/.test(text) || text.length > maxLengthDigits) {
    return {
      kind: "invalid",
      message: `the binary data length "${text}" is not a number`,
      at: lengthStart,
      element: lengthPos,
    };
  }
  const length = Number(text);
  if (length > maxBytes) {
    return {
      kind: "invalid",
      message: `the binary data length ${length} exceeds the segment limit of ${maxBytes} bytes`,
      at: lengthStart,
      element: lengthPos,
    };
  }
  const dataStart = sep + 1;
  const dataEnd = dataStart + length;
  starts.push(dataStart);
  if (dataEnd + d.segment.length > buf.length) {
    if (!final) return { kind: "need-more" };
    return {
      kind: "invalid",
      message: `the input ends inside ${length} bytes of binary data`,
      at: dataStart,
      element: lengthPos + 1,
    };
  }
  if (!buf.subarray(dataEnd, dataEnd + d.segment.length).equals(d.segment)) {
    return {
      kind: "invalid",
      message: `the binary data length says ${length} bytes, but no segment terminator follows them`,
      at: lengthStart,
      element: lengthPos,
    };
  }
  return { kind: "ok", starts, dataEnd };
}
