import type { ErrorCode } from "../kernel/index.js";
import { type AckCodes, ackCodesFor } from "./syntax-error-codes.js";

/** Where in the input a fault is: byte offset, segment position, element position. */
export interface EdiPosition {
  /** Byte offset in the input (0-based) where the fault starts. */
  readonly offset: number;
  /** 1-based position of the segment in the input, or 0 when the fault is not inside a segment. */
  readonly segment: number;
  /** The segment's tag, when there is one. */
  readonly tag?: string;
  /** 1-based element position inside the segment. */
  readonly element?: number;
  /** 1-based position of the segment inside its transaction set / message (as AK3-02, IK3-02, UCS 0096). */
  readonly setPosition?: number;
}

/**
 * A syntax or envelope fault in partner data. It is a result, not an exception: readers report it and go on.
 * `ack` holds the TA1 / 997 / 999 / CONTRL codes defined for the fault, where the standards define one.
 */
export interface EdiError extends EdiPosition {
  readonly code: ErrorCode;
  readonly message: string;
  readonly ack: AckCodes;
}

export function ediError(code: ErrorCode, message: string, where: EdiPosition): EdiError {
  return { code, message, ...where, ack: ackCodesFor(code, where.element) };
}

/** Printable form of a byte: `'~'`, or `0x0A` for control and non-ASCII bytes. */
export function describeByte(byte: number | undefined): string {
  if (byte === undefined) return "end of input";
  if (byte > 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}
