import type { ErrorCode } from "../../kernel/index.js";
import type { EdiError } from "../edi-error.js";

/** The verdict on an interchange or a transaction set: TA104, AK501 / IK501, and CONTRL 0083 read from it. */
export type AckStatus = "accepted" | "accepted_with_errors" | "rejected";

/** The verdict on a functional group (AK901): a group can also be partly accepted, set by set. */
export type GroupAckStatus = AckStatus | "partially_accepted";

/** Whether a fault rejects the level it stands at, or is only noted while that level is accepted. */
export type FaultWeight = "fatal" | "noted";

/**
 * Faults that are noted, not fatal: what they concern was received whole and can still be processed, so the
 * acknowledgment accepts it and reports the fault (TA104 `E`, AK901 `E`, CONTRL action 7 with the code).
 * Every other fault is fatal to the level it stands at.
 * - a wrong count in IEA01 / UNZ01 or GE01 / UNE01: each group and set that did arrive is answered on its own,
 *   and AK902/AK903 already show how many were declared and how many came;
 * - an ISA element of the wrong width: the reader has taken its value all the same.
 */
const notedFaults: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "EDI_INTERCHANGE_COUNT_MISMATCH",
  "EDI_GROUP_COUNT_MISMATCH",
  "EDI_ISA_FIELD_WIDTH",
]);

export function faultWeight(error: EdiError): FaultWeight {
  return notedFaults.has(error.code) ? "noted" : "fatal";
}

/**
 * The faults of a level in the order an acknowledgment names them when it has room for one: fatal faults
 * first (they decided the verdict), then noted ones, each in input order.
 */
export function byWeight(faults: readonly EdiError[]): EdiError[] {
  return [
    ...faults.filter((f) => faultWeight(f) === "fatal"),
    ...faults.filter((f) => faultWeight(f) === "noted"),
  ];
}

interface Rule<Facts, Status> {
  readonly status: Status;
  readonly when: (facts: Facts) => boolean;
}

/** What the status of an interchange or a set depends on: the weights of the faults found at that level. */
export interface LevelFacts {
  readonly fatal: number;
  readonly noted: number;
}

/** What a group's status depends on: its own (GS/GE, UNG/UNE) faults and the statuses of its sets. */
export interface GroupFacts extends LevelFacts {
  readonly received: number;
  readonly rejected: number;
  readonly withErrors: number;
}

/*
 * The rules, first matching row wins. They follow the meanings the standards give the status codes:
 * - X12 TA104 and AK501 / IK501: A accepted; E accepted, but errors were noted; R rejected. A set with a
 *   fatal syntax fault is rejected, and its AK502 codes say why: 2 trailer missing, 3 control numbers differ,
 *   4 the segment count is wrong, 5 segments in error.
 * - X12 AK901: A, E and R as above, and P "partially accepted": at least one set of the group was rejected
 *   while others were accepted. A group whose every set was rejected is rejected; a fault in GS/GE that
 *   breaks the group (trailer missing, control numbers differ) rejects the group whatever its sets (AK905).
 * - EDIFACT CONTRL (ISO 9735 action codes): 4 "this level and all lower levels rejected", 7 "this level
 *   acknowledged, lower levels acknowledged unless reported rejected"; 8 only says the interchange arrived.
 *   Accepted, accepted with errors and partially accepted are all 7 there; rejected is 4.
 */
const levelRules: readonly Rule<LevelFacts, AckStatus>[] = [
  { status: "rejected", when: (f) => f.fatal > 0 },
  { status: "accepted_with_errors", when: (f) => f.noted > 0 },
  { status: "accepted", when: () => true },
];

const groupRules: readonly Rule<GroupFacts, GroupAckStatus>[] = [
  { status: "rejected", when: (g) => g.fatal > 0 },
  { status: "rejected", when: (g) => g.received > 0 && g.rejected === g.received },
  { status: "partially_accepted", when: (g) => g.rejected > 0 },
  { status: "accepted_with_errors", when: (g) => g.noted > 0 || g.withErrors > 0 },
  { status: "accepted", when: () => true },
];

function firstMatch<Facts, Status>(rules: readonly Rule<Facts, Status>[], facts: Facts): Status {
  for (const rule of rules) if (rule.when(facts)) return rule.status;
  throw new Error("ack rules: the last rule must always match");
}

export function weigh(faults: readonly EdiError[]): LevelFacts {
  let fatal = 0;
  for (const f of faults) if (faultWeight(f) === "fatal") fatal++;
  return { fatal, noted: faults.length - fatal };
}

/** Status of an interchange (TA104) or a set (AK501), from the faults found at that level and below it. */
export function levelStatus(facts: LevelFacts): AckStatus {
  return firstMatch(levelRules, facts);
}

/** Status of a functional group (AK901), from its own faults and the statuses of its sets. */
export function groupStatus(faults: readonly EdiError[], sets: readonly AckStatus[]): GroupAckStatus {
  return firstMatch(groupRules, {
    ...weigh(faults),
    received: sets.length,
    rejected: sets.filter((s) => s === "rejected").length,
    withErrors: sets.filter((s) => s === "accepted_with_errors").length,
  });
}

/** The one-letter code of a status in TA104, AK501 / IK501 and AK901. */
export function x12StatusCode(status: GroupAckStatus): string {
  return { accepted: "A", accepted_with_errors: "E", partially_accepted: "P", rejected: "R" }[status];
}

/** The CONTRL action code (0083) for a status. */
export function contrlAction(status: GroupAckStatus): string {
  return status === "rejected" ? "4" : "7";
}
