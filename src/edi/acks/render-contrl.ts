import type { ControlNumberSource } from "../control-numbers.js";
import type { EdiError } from "../edi-error.js";
import type { InterchangeJson, SegmentJson } from "../edi-json.js";
import type { Party } from "../envelope-model.js";
import { edifactReply, segment } from "./ack-envelope.js";
import type { AckReport, GroupReport, SegmentFault, SetReport } from "./ack-report.js";
import { byWeight, contrlAction, type GroupAckStatus } from "./ack-rules.js";

export interface ContrlOptions {
  /** Only say that the interchange arrived (UCI action 8), before or without checking it. */
  readonly receiptOnly?: boolean;
}

/** Action 8: the interchange was received; nothing is said yet of its parts. */
const received = "8";
/** Syntax error 18 "unspecified error", for a rejection whose fault has no CONTRL code of its own. */
const unspecified = "18";

/** The service segments each reporting level answers for (data element 0135). */
const serviceTags = {
  interchange: new Set(["UNA", "UNB", "UNZ"]),
  group: new Set(["UNG", "UNE"]),
  message: new Set(["UNH", "UNT"]),
};

/**
 * The CONTRL syntax and service report of an EDIFACT interchange (syntax versions 3 and 4, which share the
 * segment layout): UCI for the interchange (action 4 rejected, 7 acknowledged, 8 received only), then UCF per
 * group when the interchange has groups, UCM per message, and under each message UCS per segment in error
 * with UCD per element in error. Below an acknowledged level every part is listed; below a rejected one only
 * the parts that are rejected themselves. Noted faults leave a level acknowledged (7) with their code given.
 * CONTRL messages in the interchange are not answered; null when they are all it holds, or for X12.
 */
export function renderContrl(
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
  options: ContrlOptions = {},
): InterchangeJson | null {
  const ic = report.interchange;
  if (ic.standard !== "edifact") return null;
  const messages = report.groups.flatMap((g) => g.sets);
  if (messages.length > 0 && messages.every((m) => m.set.id === "CONTRL")) return null;
  const action = options.receiptOnly ? received : contrlAction(report.status);
  const body: SegmentJson[] = [
    segment(
      "UCI",
      ic.control,
      party(ic.sender),
      party(ic.receiver),
      action,
      ...errorPart(report.status, options.receiptOnly ? [] : report.faults, serviceTags.interchange),
    ),
  ];
  if (!options.receiptOnly) {
    for (const g of report.groups) {
      if (g.group.id === null) body.push(...messageResponses(g, action));
      else if (listed(action, g.status)) body.push(...groupResponse(g));
    }
  }
  // ISO 9735 names the CONTRL message of each syntax version: D:3 for version 3 (and earlier), 4:1 for 4.
  const version = Number(ic.version) >= 4 ? "4:1:UN" : "D:3:UN";
  return edifactReply(ic, [{ id: "CONTRL", version, body }], controls, now);
}

function groupResponse(g: GroupReport): SegmentJson[] {
  const group = g.group;
  const action = contrlAction(g.status);
  return [
    segment(
      "UCF",
      group.control ?? "",
      group.sender ?? "",
      group.receiver ?? "",
      action,
      ...errorPart(g.status, g.faults, serviceTags.group),
    ),
    ...messageResponses(g, action),
  ];
}

function messageResponses(g: GroupReport, parentAction: string): SegmentJson[] {
  return g.sets
    .filter((s) => s.set.id !== "CONTRL" && listed(parentAction, s.status))
    .flatMap(messageResponse);
}

function messageResponse(report: SetReport): SegmentJson[] {
  const set = report.set;
  const identifier = [set.id, ...(set.version ?? "").split(":")];
  return [
    segment(
      "UCM",
      set.control,
      identifier,
      contrlAction(report.status),
      ...errorPart(report.status, report.faults, serviceTags.message),
    ),
    // CONTRL D3 allows 999 UCS per message (segment group 2) and 99 UCD per UCS (group 3).
    ...report.segments.slice(0, 999).flatMap(segmentResponse),
  ];
}

/** UCS (segment position in the message, UNH counting 1; its own error) and UCD per element in error. */
function segmentResponse(s: SegmentFault): SegmentJson[] {
  const own = s.errors.find((e) => e.ack.contrl !== undefined)?.ack.contrl;
  const elements = s.elements.slice(0, 99).flatMap((e) => {
    const code = e.error.ack.contrl;
    if (code === undefined) return [];
    const position = [String(e.element), e.component === undefined ? "" : String(e.component)];
    return [segment("UCD", code, position)];
  });
  return [segment("UCS", String(s.position), own), ...elements];
}

/**
 * Syntax error code (0085), service segment tag (0135) and data element position (S011) of the leading fault
 * (fatal first) of a level that is not plainly accepted. The tag and position are given only for the level's own service
 * segments; otherwise the code concerns the level as a whole.
 */
function errorPart(
  status: GroupAckStatus,
  faults: readonly EdiError[],
  tags: ReadonlySet<string>,
): Array<string | string[] | undefined> {
  if (status === "accepted" || faults.length === 0) return [];
  const fault = byWeight(faults).find((f) => f.ack.contrl !== undefined);
  const code = fault?.ack.contrl ?? (status === "rejected" ? unspecified : undefined);
  if (code === undefined) return [];
  const tag = fault?.tag !== undefined && tags.has(fault.tag) ? fault.tag : undefined;
  const element = tag !== undefined && fault?.element !== undefined ? String(fault.element) : undefined;
  return [code, tag, element];
}

function listed(parentAction: string, status: GroupAckStatus): boolean {
  return parentAction !== "4" || status === "rejected";
}

function party(p: Party): string | string[] {
  return p.qualifier === "" ? p.id : [p.id, p.qualifier];
}
