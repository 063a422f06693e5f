import type { ControlNumberSource } from "../control-numbers.js";
import type { InterchangeJson } from "../edi-json.js";
import type { AckReport } from "./ack-report.js";
import { type FunctionalAckKind, renderFunctionalAck } from "./functional-ack.js";

/** The implementation convention of the 999 itself (X12 005010X231A1). */
const convention999 = "005010X231A1";

const kind999: FunctionalAckKind = {
  setId: "999",
  isaVersion: () => "00501",
  groupVersion: () => convention999,
  setVersion: convention999,
  segmentNote: "IK3",
  elementNote: "IK4",
  setResponse: "IK5",
  conventions: true,
};

/**
 * The 999 implementation acknowledgment of an X12 interchange (for groups under 005010X2xx conventions): AK1
 * with GS08, AK2 with ST03, IK3 / CTX / IK4 for the segments and elements in error, IK5 and AK9. CTX segments
 * are written where the report carries contexts (a guide's situational triggers and business unit
 * identifiers); syntax faults have none. Null for EDIFACT and when every group is itself an acknowledgment.
 */
export function render999(
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson | null {
  return renderFunctionalAck(kind999, report, controls, now);
}
