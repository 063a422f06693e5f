import type { ControlNumberSource } from "../control-numbers.js";
import type { InterchangeJson } from "../edi-json.js";
import { replyIsaVersion, versionFamily } from "./ack-envelope.js";
import type { AckReport } from "./ack-report.js";
import { type FunctionalAckKind, renderFunctionalAck } from "./functional-ack.js";

const kind997: FunctionalAckKind = {
  setId: "997",
  isaVersion: replyIsaVersion,
  // The 997 is written in the version family of the group it answers: 004010X098A1 -> 004010.
  groupVersion: versionFamily,
  setVersion: null,
  segmentNote: "AK3",
  elementNote: "AK4",
  setResponse: "AK5",
  conventions: false,
};

/**
 * The 997 functional acknowledgment of an X12 interchange: per group AK1 (GS01, GS06), per set AK2 (ST01,
 * ST02), AK3/AK4 for the segments and elements in error, AK5 with the set's status and codes, and AK9 with the
 * group's status, counts and codes. Null for EDIFACT and when every group is itself an acknowledgment.
 */
export function render997(
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson | null {
  return renderFunctionalAck(kind997, report, controls, now);
}
