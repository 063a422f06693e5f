import type { AckStatus, GroupAckStatus } from "../../edi/index.js";
import type { AckItemState } from "../../storage/ports/index.js";

/** What an acknowledgment's status makes of the item it answers; a partly accepted group has errors. */
export function itemStateOf(status: AckStatus | GroupAckStatus): AckItemState {
  switch (status) {
    case "accepted":
      return "acknowledged";
    case "rejected":
      return "rejected";
    default:
      return "accepted_with_errors";
  }
}

/**
 * An interchange's state from its groups' once every group is answered: acknowledged when all were,
 * rejected when all were rejected, otherwise accepted with errors. Null while a group still awaits.
 */
export function interchangeStateOf(groups: readonly AckItemState[]): AckItemState | null {
  if (groups.length === 0 || groups.some((s) => s === "awaiting" || s === "ack_overdue")) return null;
  if (groups.every((s) => s === "acknowledged")) return "acknowledged";
  if (groups.every((s) => s === "rejected")) return "rejected";
  return "accepted_with_errors";
}

export const allItemStates: readonly AckItemState[] = [
  "awaiting",
  "acknowledged",
  "accepted_with_errors",
  "rejected",
  "ack_overdue",
];
