import type { ErrorCode } from "../kernel/index.js";

/**
 * Acknowledgment codes for a syntax fault, as X12 and EDIFACT define them:
 * - `ta1`: TA105 interchange note code (X12 TA1);
 * - `segment`: AK304 / IK304 segment syntax error code;
 * - `element`: AK403 / IK403 element syntax error code;
 * - `set`: AK502 / IK502 transaction set syntax error code;
 * - `group`: AK905 functional group syntax error code;
 * - `contrl`: EDIFACT syntax error code (data element 0085) for UCI / UCF / UCM / UCS / UCD.
 */
export interface AckCodes {
  readonly ta1?: string;
  readonly segment?: string;
  readonly element?: string;
  readonly set?: string;
  readonly group?: string;
  readonly contrl?: string;
}

/** TA105 codes for ISA01..ISA16 faults, by element position. */
const isaElementTa1: readonly string[] = [
  "",
  "010",
  "011",
  "012",
  "013",
  "005",
  "006",
  "007",
  "008",
  "014",
  "015",
  "016",
  "017",
  "018",
  "019",
  "020",
  "027",
];

const table: Partial<Record<ErrorCode, AckCodes>> = {
  EDI_NO_ENVELOPE: { ta1: "024", contrl: "13" },
  EDI_UNEXPECTED_DATA: { ta1: "024", contrl: "33" },
  EDI_TRUNCATED: { ta1: "023", contrl: "13" },
  EDI_SEGMENT_TOO_LONG: { segment: "8", contrl: "39" },
  EDI_BINARY_LENGTH_INVALID: { segment: "8", element: "6", contrl: "12" },
  EDI_INVALID_SEGMENT_TAG: { segment: "1", contrl: "14" },
  EDI_ISA_INVALID: { ta1: "026", contrl: "20" },
  EDI_UNA_INVALID: { contrl: "20" },
  EDI_HEADER_INVALID: { ta1: "024", group: "1", set: "5", contrl: "13" },
  EDI_INTERCHANGE_HEADER_MISSING: { ta1: "024", contrl: "13" },
  EDI_INTERCHANGE_TRAILER_MISSING: { ta1: "023", contrl: "13" },
  EDI_INTERCHANGE_COUNT_MISMATCH: { ta1: "021", contrl: "29" },
  EDI_INTERCHANGE_CONTROL_MISMATCH: { ta1: "001", contrl: "28" },
  EDI_GROUP_TRAILER_MISSING: { ta1: "024", group: "3", contrl: "13" },
  EDI_GROUP_COUNT_MISMATCH: { group: "5", contrl: "29" },
  EDI_GROUP_CONTROL_MISMATCH: { group: "4", contrl: "28" },
  EDI_SET_TRAILER_MISSING: { set: "2", contrl: "13" },
  EDI_SET_COUNT_MISMATCH: { set: "4", contrl: "29" },
  EDI_SET_CONTROL_MISMATCH: { set: "3", contrl: "28" },
  EDI_SEGMENT_OUTSIDE_SET: { ta1: "024", segment: "2", contrl: "33" },
  EDI_GROUPS_AND_MESSAGES_MIXED: { contrl: "30" },
  // Faults found against an implementation guide (AK304 / IK304, AK403 / IK403, EDIFACT 0085).
  EDI_SEGMENT_NOT_IN_SET: { segment: "6", contrl: "15" },
  EDI_SEGMENT_UNEXPECTED: { segment: "2", contrl: "15" },
  EDI_SEGMENT_OUT_OF_ORDER: { segment: "7", contrl: "15" },
  EDI_SEGMENT_MISSING: { segment: "3", contrl: "13" },
  EDI_LOOP_REPEATS_EXCEEDED: { segment: "4", contrl: "36" },
  EDI_SEGMENT_REPEATS_EXCEEDED: { segment: "5", contrl: "35" },
  EDI_ELEMENT_MISSING: { element: "1", contrl: "13" },
  EDI_ELEMENT_CONDITION_MISSING: { element: "2", contrl: "13" },
  EDI_ELEMENT_EXCLUSION_VIOLATED: { element: "10", contrl: "15" },
  EDI_ELEMENT_NOT_USED: { element: "10", contrl: "15" },
  EDI_ELEMENT_TOO_MANY: { element: "3", contrl: "16" },
  EDI_COMPONENTS_TOO_MANY: { element: "13", contrl: "16" },
  EDI_ELEMENT_REPEATS_EXCEEDED: { element: "12", contrl: "35" },
  EDI_ELEMENT_TOO_SHORT: { element: "4", contrl: "40" },
  EDI_ELEMENT_TOO_LONG: { element: "5", contrl: "39" },
  EDI_ELEMENT_INVALID_CHARACTER: { element: "6", contrl: "37" },
  EDI_ELEMENT_INVALID_CODE: { element: "7", contrl: "12" },
  EDI_ELEMENT_INVALID_DATE: { element: "8", contrl: "12" },
  EDI_ELEMENT_INVALID_TIME: { element: "9", contrl: "12" },
  EDI_HL_HIERARCHY_INVALID: { element: "7", contrl: "12" },
};

export function ackCodesFor(code: ErrorCode, element?: number): AckCodes {
  if ((code === "EDI_ISA_FIELD_WIDTH" || code === "EDI_ISA_FIELD_VALUE") && element !== undefined) {
    return { ta1: isaElementTa1[element] ?? "024", contrl: "20" };
  }
  return table[code] ?? {};
}
