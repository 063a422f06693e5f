import type { ElementType } from "./guide-types.js";

/** Data type families, as small integers so that the per-element check is a switch on a number. */
export const TypeFamily = {
  text: 0, // AN, ID, EDIFACT an
  numeric: 1, // X12 N, N0..N9 (implied decimals: digits only)
  decimal: 2, // X12 R, EDIFACT n
  date: 3,
  time: 4,
  binary: 5,
  alphabetic: 6, // EDIFACT a
} as const;
export type TypeFamily = (typeof TypeFamily)[keyof typeof TypeFamily];

export function typeFamily(type: ElementType): TypeFamily {
  switch (type) {
    case "AN":
    case "ID":
    case "an":
      return TypeFamily.text;
    case "R":
    case "n":
      return TypeFamily.decimal;
    case "DT":
      return TypeFamily.date;
    case "TM":
      return TypeFamily.time;
    case "B":
      return TypeFamily.binary;
    case "a":
      return TypeFamily.alphabetic;
    default:
      return TypeFamily.numeric;
  }
}

/** What is wrong with a value's form, if anything. */
export const ValueFault = { none: 0, character: 1, date: 2, time: 3 } as const;
export type ValueFault = (typeof ValueFault)[keyof typeof ValueFault];

const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
const POINT = 0x2e;
const COMMA = 0x2c;

/**
 * Checks the bytes `[s, e)` of one value against its type family and returns the fault and, through
 * `out[0]`, the length the standards count: digits only for numbers (sign and decimal mark are not counted),
 * bytes for everything else.
 */
export function checkValue(
  buf: Uint8Array,
  s: number,
  e: number,
  family: TypeFamily,
  out: Int32Array,
): ValueFault {
  switch (family) {
    case TypeFamily.numeric:
    case TypeFamily.decimal: {
      let i = s;
      if (i < e && buf[i] === MINUS) i++;
      let digits = 0;
      let marks = 0;
      for (; i < e; i++) {
        const b = buf[i] as number;
        if (b >= ZERO && b <= NINE) digits++;
        else if (family === TypeFamily.decimal && (b === POINT || b === COMMA) && marks === 0) marks++;
        else {
          out[0] = e - s;
          return ValueFault.character;
        }
      }
      out[0] = digits;
      return digits === 0 ? ValueFault.character : ValueFault.none;
    }
    case TypeFamily.date: {
      out[0] = e - s;
      if (!allDigits(buf, s, e)) return ValueFault.character;
      return isCalendarDate(buf, s, e) ? ValueFault.none : ValueFault.date;
    }
    case TypeFamily.time: {
      out[0] = e - s;
      if (!allDigits(buf, s, e)) return ValueFault.character;
      return isTimeOfDay(buf, s, e) ? ValueFault.none : ValueFault.time;
    }
    case TypeFamily.alphabetic: {
      out[0] = e - s;
      for (let i = s; i < e; i++) {
        const b = buf[i] as number;
        if (b >= ZERO && b <= NINE) return ValueFault.character;
      }
      return ValueFault.none;
    }
    default:
      out[0] = e - s;
      return ValueFault.none;
  }
}

function allDigits(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const b = buf[i] as number;
    if (b < ZERO || b > NINE) return false;
  }
  return true;
}

function num(buf: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + ((buf[i] as number) - ZERO);
  return v;
}

/** CCYYMMDD or YYMMDD, a day that exists (29 February only in leap years). */
function isCalendarDate(buf: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  if (len !== 8 && len !== 6) return false;
  const y = len === 8 ? num(buf, s, 4) : 2000 + num(buf, s, 2);
  const m = num(buf, s + len - 4, 2);
  const d = num(buf, s + len - 2, 2);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** HHMM, HHMMSS or HHMMSSd..d (decimal seconds): hours 00-23, minutes and seconds 00-59. */
function isTimeOfDay(buf: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  if (len < 4 || len === 5) return false;
  if (num(buf, s, 2) > 23 || num(buf, s + 2, 2) > 59) return false;
  return len < 6 || num(buf, s + 4, 2) <= 59;
}
