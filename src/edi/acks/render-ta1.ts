import type { ControlNumberSource } from "../control-numbers.js";
import type { InterchangeJson } from "../edi-json.js";
import { replyIsaVersion, segment, x12Reply } from "./ack-envelope.js";
import type { AckReport } from "./ack-report.js";
import { byWeight, x12StatusCode } from "./ack-rules.js";

/** TA105 when no fault is noted. */
const noError = "000";
/** TA105 "invalid interchange content", for an interchange fault that X12 gives no note code of its own. */
const invalidContent = "024";

/**
 * The TA1 interchange acknowledgment of an X12 interchange, alone in an interchange of its own (ISA, TA1, IEA
 * with no group): TA101..TA103 repeat ISA13, ISA09 and ISA10 of the original; TA104 is its status (A, E, R);
 * TA105 the note code of the fault that decided it (the first fatal one, else the first noted one; 000 when
 * there is none). Null for EDIFACT, and for an interchange without any functional group (one that carries
 * only TA1s is not answered, so that acknowledgments never loop).
 */
export function renderTa1(
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
): InterchangeJson | null {
  const ic = report.interchange;
  if (ic.standard !== "x12" || ic.groups.length === 0) return null;
  const faults = byWeight(report.faults);
  const note = faults.length === 0 ? noError : (faults.find((f) => f.ack.ta1)?.ack.ta1 ?? invalidContent);
  const reply = x12Reply(ic, replyIsaVersion(ic.version), [], controls, now);
  const ta1 = segment("TA1", ic.control, ic.date, ic.time, x12StatusCode(report.status), note);
  reply.segments.splice(1, 0, ta1);
  return reply;
}
