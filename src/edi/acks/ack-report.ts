import type { EdiError } from "../edi-error.js";
import type { FunctionalGroup, Interchange, TransactionSet } from "../envelope-model.js";
import {
  type AckStatus,
  faultWeight,
  type GroupAckStatus,
  groupStatus,
  type LevelFacts,
  levelStatus,
  weigh,
} from "./ack-rules.js";

/**
 * A context that an implementation guide attaches to a fault (the 999's CTX): a situational trigger or a
 * business unit identifier (`name`, e.g. `SITUATIONAL TRIGGER` or `CLM01`, with `reference` its value), and
 * the segment it points at. Syntax faults carry none.
 */
export interface AckContext {
  readonly name: string;
  readonly reference?: string;
  readonly segment?: {
    readonly tag: string;
    readonly position: number;
    readonly loopId?: string;
    readonly element?: number;
    readonly component?: number;
  };
}

/** A fault in one element of a segment (AK4 / IK4 / UCD). */
export interface ElementFault {
  /** Element position in the segment, 1-based after the tag (AK401, IK401-1, UCD 0098). */
  readonly element: number;
  /** Component position inside a composite (IK401-2, UCD 0104), when known. */
  readonly component?: number;
  /** Repetition position (IK401-3), when known. */
  readonly repetition?: number;
  /** Data element reference number (AK402 / IK402), when a guide knows it. */
  readonly reference?: string;
  /** Copy of the bad value (AK404 / IK404), when it was read and can be written back. */
  readonly value?: string;
  readonly contexts?: readonly AckContext[];
  readonly error: EdiError;
}

/**
 * A fault found against an implementation guide, placed by its segment position in the set
 * (`error.setPosition`) and, for element faults, `error.element`; it carries what only a guide knows.
 */
export interface GuideFault {
  readonly error: EdiError;
  /** Loop id of the segment (AK303 / IK303), e.g. `N1`, `2000A`, `SG2`. */
  readonly loopId?: string;
  readonly component?: number;
  readonly repetition?: number;
  /** Data element reference number (AK402 / IK402). */
  readonly reference?: string;
  /** The bad value (AK404 / IK404). */
  readonly value?: string;
}

/** The faults of one segment inside a transaction set (AK3 / IK3 / UCS, with their elements). */
export interface SegmentFault {
  readonly tag: string;
  /** Position in the set, its header counting 1 (AK302, IK302, UCS 0096). */
  readonly position: number;
  /** Loop identifier (AK303 / IK303): X12 fills it only for loops bounded by LS/LE segments. */
  readonly loopId?: string;
  /** The guide's loop the segment stands in (`N1`, `2010BA`, `SG2`), for people and for CTX; not AK303. */
  readonly guideLoop?: string;
  /** Faults of the segment as a whole. */
  readonly errors: readonly EdiError[];
  readonly elements: readonly ElementFault[];
  readonly contexts?: readonly AckContext[];
}

export interface SetReport {
  readonly set: TransactionSet;
  /** The implementation guide the set was validated against; null when none applied (syntax only). */
  readonly guide: string | null;
  /** Faults of the set's envelope: its header and trailer (AK502 / IK502 / UCM). */
  readonly faults: readonly EdiError[];
  readonly segments: readonly SegmentFault[];
  readonly status: AckStatus;
}

export interface GroupReport {
  /** The group; for EDIFACT messages outside any UNG, an implicit group whose `id` is null. */
  readonly group: FunctionalGroup;
  /** The set count its trailer states (GE01 / UNE01), or null when there is no readable one. */
  readonly declaredSets: number | null;
  /** Faults of the group's envelope: GS / GE, UNG / UNE (AK905 / UCF). */
  readonly faults: readonly EdiError[];
  readonly sets: readonly SetReport[];
  readonly status: GroupAckStatus;
  /** Sets accepted, with or without noted errors (AK904); none when the group itself is rejected. */
  readonly acceptedSets: number;
}

/**
 * One validation report per interchange: every fault found in it, placed at the level it concerns, with the
 * status of each level. TA1, 997, 999 and CONTRL are renderings of this one tree.
 */
export interface AckReport {
  readonly interchange: Interchange;
  /** Faults of the interchange envelope and of what stands between its groups (TA1 / UCI). */
  readonly faults: readonly EdiError[];
  readonly groups: readonly GroupReport[];
  readonly status: AckStatus;
}

/** The faults of one set, placed but not yet judged. */
export interface SetFindings {
  readonly set: TransactionSet;
  /** The implementation guide the set was validated against; null (or absent) when syntax only. */
  readonly guide?: string | null;
  readonly faults: readonly EdiError[];
  readonly segments: readonly SegmentFault[];
}

export interface GroupFindings {
  readonly group: FunctionalGroup;
  readonly declaredSets: number | null;
  readonly faults: readonly EdiError[];
  readonly sets: readonly SetFindings[];
}

export interface InterchangeFindings {
  readonly interchange: Interchange;
  readonly faults: readonly EdiError[];
  readonly groups: readonly GroupFindings[];
}

/** Judges placed faults by the rules of `ack-rules.ts`: the status of every set, group and the interchange. */
export function buildAckReport(findings: InterchangeFindings): AckReport {
  return {
    interchange: findings.interchange,
    faults: findings.faults,
    groups: findings.groups.map(judgeGroup),
    status: levelStatus(weigh(findings.faults)),
  };
}

function judgeGroup(findings: GroupFindings): GroupReport {
  const sets = findings.sets.map(judgeSet);
  const status = groupStatus(
    findings.faults,
    sets.map((s) => s.status),
  );
  const accepted = sets.filter((s) => s.status !== "rejected").length;
  return { ...findings, sets, status, acceptedSets: status === "rejected" ? 0 : accepted };
}

function judgeSet(findings: SetFindings): SetReport {
  // Most sets have no fault at all: they are accepted without weighing anything.
  if (findings.faults.length === 0 && findings.segments.length === 0)
    return { ...findings, guide: findings.guide ?? null, status: "accepted" };
  const own = weigh(findings.faults);
  let fatal = own.fatal;
  let noted = own.noted;
  // Counted in place (no array of every fault per set): most sets have no faulty segment at all.
  for (const segment of findings.segments) {
    const inSegment = weigh(segment.errors);
    fatal += inSegment.fatal;
    noted += inSegment.noted;
    for (const e of segment.elements) {
      if (faultWeight(e.error) === "fatal") fatal++;
      else noted++;
    }
  }
  const facts: LevelFacts = { fatal, noted };
  return { ...findings, guide: findings.guide ?? null, status: levelStatus(facts) };
}

/** Every fault of a segment: of the segment as a whole, then of its elements. */
export function segmentErrors(segment: SegmentFault): EdiError[] {
  return [...segment.errors, ...segment.elements.map((e) => e.error)];
}
