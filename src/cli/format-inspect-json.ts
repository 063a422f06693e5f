import { type FunctionalGroup, formatParty, type Interchange } from "../edi/index.js";
import type { FileReport } from "./file-report.js";

/** One line of JSON for one file (see README, "Inspect EDI files"). */
export function formatInspectJson(report: FileReport): string {
  const line = {
    file: report.file,
    ok: report.errors.length === 0,
    interchanges: report.interchanges.map(interchangeJson),
    errors: report.errors.map(({ code, message, offset, segment }) => ({ code, message, offset, segment })),
  };
  return `${JSON.stringify(line)}\n`;
}

function interchangeJson(ic: Interchange) {
  return {
    standard: ic.standard,
    sender: formatParty(ic.sender),
    receiver: formatParty(ic.receiver),
    control: ic.control,
    version: ic.version,
    groups: ic.groups.map(groupJson),
  };
}

function groupJson(group: FunctionalGroup) {
  return {
    id: group.id,
    control: group.control,
    sets: group.sets.map(({ id, control }) => ({ id, control })),
  };
}
