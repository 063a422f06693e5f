import type { AckReport, GroupReport } from "../../edi/index.js";

/**
 * A report under the rule "a bad transaction set rejects its whole group": a group with any rejected set is
 * rejected, with none of its sets counted accepted (AK904 = 0). The sets keep their own statuses, so the
 * acknowledgment still says which one was at fault.
 */
export function rejectWholeGroups(report: AckReport): AckReport {
  const groups = report.groups.map(
    (g): GroupReport =>
      g.sets.some((s) => s.status === "rejected") ? { ...g, status: "rejected", acceptedSets: 0 } : g,
  );
  return { ...report, groups };
}
