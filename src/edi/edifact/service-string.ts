import type { Delimiters } from "../delimiters.js";
import { describeByte, type EdiError, ediError } from "../edi-error.js";
import { isAlphanumeric } from "../x12/isa-header.js";

export type ServiceStringResult =
  | { readonly kind: "need-more" }
  | { readonly kind: "invalid"; readonly error: EdiError }
  | { readonly kind: "ok"; readonly length: number; readonly delimiters: Delimiters };

/**
 * Reads a UNA service string advice at `at`: `UNA` then component separator, element separator, decimal
 * mark, release character, repetition separator (reserved before syntax 4) and segment terminator.
 * A space as release or repetition character means "none".
 */
export function readServiceString(
  buf: Buffer,
  at: number,
  final: boolean,
  offset: number,
  position: number,
): ServiceStringResult {
  if (buf.length < at + 9) {
    if (!final) return { kind: "need-more" };
    return {
      kind: "invalid",
      error: ediError("EDI_TRUNCATED", "the input ends inside the UNA service string advice", {
        offset,
        segment: position,
        tag: "UNA",
      }),
    };
  }
  const chars = [...buf.subarray(at + 3, at + 9)];
  const [component, element, decimal, release, repetition, segment] = chars as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const names = [
    "component separator",
    "element separator",
    "decimal mark",
    "release character",
    "repetition separator",
    "segment terminator",
  ];
  for (let k = 0; k < 6; k++) {
    const b = chars[k] as number;
    const optional = (k === 3 || k === 4) && b === 0x20;
    if (!optional && (isAlphanumeric(b) || (b === 0x20 && k !== 5))) {
      return invalidUna(
        `UNA${k + 1} (${names[k]}) is ${describeByte(b)}, which cannot be a service character`,
        offset + 3 + k,
        position,
        k + 1,
      );
    }
  }
  // The decimal mark is data, but a delimiter used as one would split every number in two.
  const used = [component, element, decimal, release, repetition, segment].filter((b) => b !== 0x20);
  if (new Set(used).size !== used.length) {
    return invalidUna("UNA names the same character for two delimiters", offset, position, undefined);
  }
  return {
    kind: "ok",
    length: 9,
    delimiters: {
      component: String.fromCharCode(component),
      element: String.fromCharCode(element),
      decimal: String.fromCharCode(decimal),
      release: release === 0x20 ? null : String.fromCharCode(release),
      repetition: repetition === 0x20 ? null : String.fromCharCode(repetition),
      segment: String.fromCharCode(segment),
    },
  };
}

function invalidUna(
  message: string,
  offset: number,
  position: number,
  element: number | undefined,
): ServiceStringResult {
  const where =
    element === undefined
      ? { offset, segment: position, tag: "UNA" }
      : { offset, segment: position, tag: "UNA", element };
  return { kind: "invalid", error: ediError("EDI_UNA_INVALID", message, where) };
}
