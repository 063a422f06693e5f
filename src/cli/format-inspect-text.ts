import { type FunctionalGroup, formatParty, type Interchange, type TransactionSet } from "../edi/index.js";
import type { FileReport } from "./file-report.js";
import { formatFileError } from "./format-file-error.js";

/** The human-readable report of one file: its envelope tree, its errors, then its counts. */
export function formatInspectText(report: FileReport): string {
  const lines = [report.file];
  for (const interchange of report.interchanges) lines.push(...interchangeLines(interchange));
  for (const error of report.errors) lines.push(`  ${formatFileError(error)}`);
  lines.push(`  ${countsLine(report)}`);
  return `${lines.join("\n")}\n`;
}

function interchangeLines(ic: Interchange): string[] {
  const version = ic.syntaxId === null ? ic.version : `${ic.version} (${ic.syntaxId})`;
  const lines = [
    `  interchange ${ic.standard} control ${ic.control} version ${version}${ic.complete ? "" : " (no trailer)"}`,
    `    sender ${formatParty(ic.sender)}, receiver ${formatParty(ic.receiver)}`,
    `    date ${ic.date} time ${ic.time}, ${ic.test ? "test" : "production"}, ${ic.ackRequested ? "ack requested" : "no ack requested"}`,
  ];
  for (const group of ic.groups) {
    lines.push(`    ${groupLine(group)}`);
    for (const set of group.sets) lines.push(`      ${setLine(set)}`);
  }
  return lines;
}

function groupLine(group: FunctionalGroup): string {
  const name = group.id === null ? "group (no UNG)" : `group ${group.id}`;
  const control = group.control === null ? "" : ` control ${group.control}`;
  const version = group.version === null ? "" : ` version ${group.version}`;
  return `${name}${control}${version}, ${plural(group.setCount, "set")}`;
}

function setLine(set: TransactionSet): string {
  const version = set.version === null ? "" : ` version ${set.version}`;
  return `set ${set.id} control ${set.control}${version}, ${plural(set.segmentCount, "segment")}`;
}

function countsLine(report: FileReport): string {
  const groups = report.interchanges.flatMap((ic) => ic.groups);
  const sets = groups.reduce((sum, group) => sum + group.setCount, 0);
  return [
    plural(report.interchanges.length, "interchange"),
    plural(groups.length, "group"),
    plural(sets, "set"),
    plural(report.errors.length, "error"),
  ].join(", ");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
