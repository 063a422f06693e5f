import type { Delimiters } from "./delimiters.js";

export type Standard = "x12" | "edifact";

/** A trading-partner address inside an envelope: ISA05:ISA06 or UNB 0007:0004. */
export interface Party {
  readonly qualifier: string;
  readonly id: string;
}

/** `[start, end)` byte offsets in the input: the first byte of the header to the end of the trailer's terminator. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface InterchangeHeader {
  readonly standard: Standard;
  readonly sender: Party;
  readonly receiver: Party;
  /** ISA13 or UNB 0020, as written (padding trimmed, leading zeros kept). */
  readonly control: string;
  /** ISA09 (YYMMDD) or UNB S004 date (YYMMDD or CCYYMMDD). */
  readonly date: string;
  readonly time: string;
  /** ISA12 (e.g. `00501`) or the EDIFACT syntax version number (`1`..`4`). */
  readonly version: string;
  /** EDIFACT syntax identifier (`UNOC`, …); null for X12. */
  readonly syntaxId: string | null;
  readonly ackRequested: boolean;
  readonly test: boolean;
  readonly delimiters: Delimiters;
  /** Whether an EDIFACT interchange began with a UNA service string advice. */
  readonly serviceStringAdvice: boolean;
  /** Offset of the first byte of ISA / UNA / UNB. */
  readonly offset: number;
}

export interface GroupHeader {
  /** GS01 functional identifier or UNG 0038; null for the implicit group of an EDIFACT interchange without UNG. */
  readonly id: string | null;
  /** GS06 or UNG 0048; null for an implicit group. */
  readonly control: string | null;
  /** GS02 / UNG S006 application sender, GS03 / UNG S007 application receiver. */
  readonly sender: string | null;
  readonly receiver: string | null;
  /** GS08 (e.g. `005010X222A1`) or UNG S008 (`D:96A`). */
  readonly version: string | null;
  readonly offset: number;
}

export interface SetHeader {
  /** ST01 (e.g. `850`) or the UNH message type (e.g. `ORDERS`). */
  readonly id: string;
  /** ST02 or UNH 0062. */
  readonly control: string;
  /** ST03 implementation convention, or UNH version:release:agency (e.g. `D:96A:UN`); null when absent. */
  readonly version: string | null;
  readonly offset: number;
}

export interface TransactionSet extends SetHeader {
  /** Segments from the header to the trailer, both included. */
  readonly segmentCount: number;
  readonly range: ByteRange;
}

export interface FunctionalGroup extends GroupHeader {
  readonly sets: readonly TransactionSet[];
  readonly setCount: number;
  readonly range: ByteRange;
}

export interface Interchange extends InterchangeHeader {
  readonly groups: readonly FunctionalGroup[];
  readonly range: ByteRange;
  /** Whether the trailer (IEA / UNZ) was present. */
  readonly complete: boolean;
}

export function formatParty(party: Party): string {
  return party.qualifier === "" ? party.id : `${party.qualifier}:${party.id}`;
}
