import type { ControlNumberSource } from "../control-numbers.js";
import type { Delimiters } from "../delimiters.js";
import type { InterchangeJson, SegmentJson } from "../edi-json.js";
import type { GroupSpec } from "../envelope-builder.js";
import { copyable, replyDelimiters, segment, x12Reply } from "./ack-envelope.js";
import {
  type AckContext,
  type AckReport,
  type ElementFault,
  type GroupReport,
  type SegmentFault,
  type SetReport,
  segmentErrors,
} from "./ack-report.js";
import { x12StatusCode } from "./ack-rules.js";

/** What differs between the 997 and the 999: set id, versions, and the tags of the notes. */
export interface FunctionalAckKind {
  readonly setId: string;
  /** ISA12 of the acknowledgment, from the original's. */
  readonly isaVersion: (isa12: string) => string;
  /** GS08 of the acknowledgment's group, from the acknowledged group's GS08 and the original's ISA12. */
  readonly groupVersion: (acknowledged: string | null, isa12: string) => string;
  /** ST03, when the acknowledgment names an implementation convention. */
  readonly setVersion: string | null;
  readonly segmentNote: string;
  readonly elementNote: string;
  readonly setResponse: string;
  /** The 999 repeats GS08 in AK103 and ST03 in AK203, gives IK401 as a composite and has CTX segments. */
  readonly conventions: boolean;
}

/** At most five codes in AK502..AK506 / IK502..IK506 and in AK905..AK909. */
const maxCodes = 5;
/** AK502 / IK502 "one or more segments in error". */
const segmentsInError = "5";
/** AK304 / IK304 "segment has data element errors". */
const elementErrors = "8";

/**
 * A functional acknowledgment (997 or 999) of the X12 groups of an interchange: one FA group with one set per
 * acknowledged group, addressed back to the group's sender. Groups that are themselves functional
 * acknowledgments (GS01 `FA`) are never answered; null when nothing is left to answer. It is rendered whatever
 * the interchange's own status: whether to send it beside a TA1 that rejects the interchange is the caller's
 * choice.
 */
export function renderFunctionalAck(
  kind: FunctionalAckKind,
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson | null {
  const ic = report.interchange;
  if (ic.standard !== "x12") return null;
  const answered = report.groups.filter((g) => g.group.id !== null && g.group.id !== "FA");
  if (answered.length === 0) return null;
  const version = kind.isaVersion(ic.version);
  // The reply's delimiters decide which values copied from the original can be written back.
  const d = replyDelimiters(ic.delimiters, version);
  const groups = answered.map(
    (g): GroupSpec => ({
      id: "FA",
      sender: g.group.receiver ?? "",
      receiver: g.group.sender ?? "",
      version: kind.groupVersion(g.group.version, ic.version),
      sets: [
        {
          id: kind.setId,
          ...(kind.setVersion === null ? {} : { version: kind.setVersion }),
          body: groupResponse(kind, g, d),
        },
      ],
    }),
  );
  return x12Reply(ic, version, groups, controls, now);
}

function groupResponse(kind: FunctionalAckKind, g: GroupReport, d: Delimiters): SegmentJson[] {
  const group = g.group;
  const out: SegmentJson[] = [
    segment("AK1", group.id ?? "", group.control ?? "", kind.conventions ? (group.version ?? "") : undefined),
  ];
  for (const set of g.sets) out.push(...setResponse(kind, set, d));
  const codes = distinct(g.faults.map((f) => f.ack.group));
  out.push(
    segment(
      "AK9",
      x12StatusCode(g.status),
      String(g.declaredSets ?? g.sets.length),
      String(g.sets.length),
      String(g.acceptedSets),
      ...codes,
    ),
  );
  return out;
}

function setResponse(kind: FunctionalAckKind, report: SetReport, d: Delimiters): SegmentJson[] {
  const set = report.set;
  const out: SegmentJson[] = [
    segment("AK2", set.id, set.control, kind.conventions ? (set.version ?? "") : undefined),
  ];
  for (const s of report.segments) out.push(...segmentNote(kind, s, d));
  const codes = report.faults.map((f) => f.ack.set);
  if (report.segments.length > 0) codes.push(segmentsInError);
  out.push(segment(kind.setResponse, x12StatusCode(report.status), ...distinct(codes)));
  return out;
}

/** AK3 / IK3 with its CTX and element notes; nothing when X12 has no code for any of the faults. */
function segmentNote(kind: FunctionalAckKind, s: SegmentFault, d: Delimiters): SegmentJson[] {
  const elements = s.elements.filter((e) => e.error.ack.element !== undefined);
  const code =
    segmentErrors(s).find((e) => e.ack.segment !== undefined)?.ack.segment ??
    (elements.length > 0 ? elementErrors : undefined);
  if (code === undefined) return [];
  const tag = copyable(s.tag, d, 3) ?? "";
  const out: SegmentJson[] = [segment(kind.segmentNote, tag, String(s.position), s.loopId ?? "", code)];
  if (kind.conventions) out.push(...(s.contexts ?? []).map((c) => contextSegment(c, d)));
  for (const e of elements) out.push(...elementNote(kind, e, d));
  return out;
}

function elementNote(kind: FunctionalAckKind, e: ElementFault, d: Delimiters): SegmentJson[] {
  const position = kind.conventions
    ? [String(e.element), e.component === undefined ? "" : String(e.component), optional(e.repetition)]
    : [String(e.element), optional(e.component)];
  const note = segment(
    kind.elementNote,
    position,
    e.reference ?? "",
    e.error.ack.element ?? "",
    copyable(e.value, d),
  );
  const contexts = kind.conventions ? (e.contexts ?? []).map((c) => contextSegment(c, d)) : [];
  return [note, ...contexts];
}

/** CTX: context name and reference (CTX01), then the segment, position, loop and element it points at. */
function contextSegment(c: AckContext, d: Delimiters): SegmentJson {
  const at = c.segment;
  return segment(
    "CTX",
    [copyable(c.name, d, 35) ?? "", copyable(c.reference, d, 35) ?? ""],
    at?.tag,
    optional(at?.position),
    at?.loopId,
    at?.element === undefined ? undefined : [String(at.element), optional(at.component)],
  );
}

function optional(n: number | undefined): string {
  return n === undefined ? "" : String(n);
}

function distinct(codes: ReadonlyArray<string | undefined>): string[] {
  const out: string[] = [];
  for (const c of codes) if (c !== undefined && !out.includes(c)) out.push(c);
  return out.slice(0, maxCodes);
}
