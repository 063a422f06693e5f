import type { ControlNumberSource } from "./control-numbers.js";
import { type Delimiters, edifactDefaultDelimiters, x12DefaultDelimiters } from "./delimiters.js";
import type { InterchangeJson, SegmentJson } from "./edi-json.js";
import type { Party, Standard } from "./envelope-model.js";

export interface SetSpec {
  /** ST01 (`850`) or the UNH message type (`ORDERS`). */
  readonly id: string;
  /** ST03 implementation convention, or the UNH version `D:96A:UN`. */
  readonly version?: string;
  /** The segments between the header and the trailer. */
  readonly body: readonly SegmentJson[];
}

export interface GroupSpec {
  /** GS01 functional identifier (`PO`) or UNG message group id; for EDIFACT, omit groups to write none. */
  readonly id: string;
  readonly sender: string;
  readonly receiver: string;
  /** GS08 (`005010`) or UNG S008 (`D:96A`). */
  readonly version: string;
  readonly sets: readonly SetSpec[];
}

export interface InterchangeSpec {
  readonly standard: Standard;
  readonly sender: Party;
  readonly receiver: Party;
  /** ISA12 (default `00501`) or EDIFACT syntax version (default `4` with `UNOC`). */
  readonly version?: string;
  readonly syntaxId?: string;
  readonly test?: boolean;
  readonly ackRequested?: boolean;
  readonly delimiters?: Delimiters;
  readonly lineBreak?: string;
  /** X12 always has groups; an EDIFACT interchange has either groups or `messages`. */
  readonly groups?: readonly GroupSpec[];
  readonly messages?: readonly SetSpec[];
}

/**
 * Builds a complete interchange from its content: envelope headers with the given parties and date, control
 * numbers from `controls`, and trailers with their counts computed. Write it with `writeInterchange`.
 */
export function buildInterchange(
  spec: InterchangeSpec,
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson {
  return spec.standard === "x12" ? buildX12(spec, controls, now) : buildEdifact(spec, controls, now);
}

function buildX12(spec: InterchangeSpec, controls: ControlNumberSource, now: Date): InterchangeJson {
  const version = spec.version ?? "00501";
  const base = spec.delimiters ?? x12DefaultDelimiters;
  // Before version 00402 ISA11 is the standards identifier `U`, and there is no repetition separator.
  const d: Delimiters = Number(version) >= 402 ? base : { ...base, repetition: null };
  const icn = String(controls.next("interchange")).padStart(9, "0");
  const { date8, date6, time4 } = stamp(now);
  const segments: SegmentJson[] = [
    [
      "ISA",
      "00",
      "",
      "00",
      "",
      spec.sender.qualifier,
      spec.sender.id,
      spec.receiver.qualifier,
      spec.receiver.id,
      date6,
      time4,
      Number(version) >= 402 ? (d.repetition ?? "U") : "U",
      version,
      icn,
      spec.ackRequested ? "1" : "0",
      spec.test ? "T" : "P",
      d.component,
    ],
  ];
  const groups = spec.groups ?? [];
  for (const g of groups) {
    const gcn = String(controls.next("group"));
    segments.push(["GS", g.id, g.sender, g.receiver, date8, time4, gcn, "X", g.version]);
    for (const set of g.sets) segments.push(...wrapSet("x12", set, controls));
    segments.push(["GE", String(g.sets.length), gcn]);
  }
  segments.push(["IEA", String(groups.length), icn]);
  return {
    standard: "x12",
    delimiters: d,
    serviceStringAdvice: false,
    encoding: "utf-8",
    lineBreak: spec.lineBreak ?? "",
    segments,
  };
}

function buildEdifact(spec: InterchangeSpec, controls: ControlNumberSource, now: Date): InterchangeJson {
  const version = spec.version ?? "4";
  const base = spec.delimiters ?? edifactDefaultDelimiters;
  const d: Delimiters = { ...base, repetition: Number(version) >= 4 ? (base.repetition ?? "*") : null };
  const ref = String(controls.next("interchange"));
  const { date6, time4 } = stamp(now);
  const party = (p: Party): string | string[] => (p.qualifier === "" ? p.id : [p.id, p.qualifier]);
  const unb: SegmentJson = [
    "UNB",
    [spec.syntaxId ?? "UNOC", version],
    party(spec.sender),
    party(spec.receiver),
    [date6, time4],
    ref,
  ];
  if (spec.ackRequested || spec.test)
    unb.push("", "", "", spec.ackRequested ? "1" : "", "", spec.test ? "1" : "");
  const segments: SegmentJson[] = [trimTrailingEmpty(unb)];
  let count = 0;
  for (const g of spec.groups ?? []) {
    const gref = String(controls.next("group"));
    segments.push(["UNG", g.id, g.sender, g.receiver, [date6, time4], gref, "UN", g.version.split(":")]);
    for (const set of g.sets) segments.push(...wrapSet("edifact", set, controls));
    segments.push(["UNE", String(g.sets.length), gref]);
    count++;
  }
  for (const set of spec.messages ?? []) {
    segments.push(...wrapSet("edifact", set, controls));
    count++;
  }
  segments.push(["UNZ", String(count), ref]);
  return {
    standard: "edifact",
    delimiters: d,
    serviceStringAdvice: spec.delimiters !== undefined,
    encoding: "utf-8",
    lineBreak: spec.lineBreak ?? "",
    segments,
  };
}

function wrapSet(standard: Standard, set: SetSpec, controls: ControlNumberSource): SegmentJson[] {
  const n = controls.next("set");
  const count = String(set.body.length + 2);
  if (standard === "x12") {
    const scn = String(n).padStart(4, "0");
    const header: SegmentJson =
      set.version === undefined ? ["ST", set.id, scn] : ["ST", set.id, scn, set.version];
    return [header, ...set.body, ["SE", count, scn]];
  }
  const ref = String(n);
  const type = [set.id, ...(set.version ?? "D:96A:UN").split(":")];
  return [["UNH", ref, type], ...set.body, ["UNT", count, ref]];
}

function stamp(now: Date): { date8: string; date6: string; time4: string } {
  const iso = now.toISOString();
  const date8 = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return { date8, date6: date8.slice(2), time4: iso.slice(11, 13) + iso.slice(14, 16) };
}

function trimTrailingEmpty(segment: SegmentJson): SegmentJson {
  const out = [...segment] as SegmentJson;
  while (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out;
}
