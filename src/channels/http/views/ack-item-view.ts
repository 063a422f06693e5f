import type { AckItemRecord } from "../../../storage/ports/index.js";

/** An outbound interchange, group or set that expects an acknowledgment, and where it stands. */
export const ackItemSchema = {
  type: "object",
  required: ["interchangeId", "level", "docType", "state"],
  properties: {
    interchangeId: { type: "string" },
    level: { type: "string", enum: ["interchange", "group", "set"] },
    groupControl: { type: "string", description: "GS06 / UNG 0048; empty at the interchange level." },
    setControl: { type: "string", description: "ST02 / UNH 0062; empty above the set level." },
    docType: { type: "string", description: "GS01 for a group, ST01 / UNH 0065 for a set." },
    state: {
      type: "string",
      enum: ["awaiting", "acknowledged", "accepted_with_errors", "rejected", "ack_overdue"],
    },
    dueAt: { type: ["string", "null"], format: "date-time" },
    answeredBy: { type: ["string", "null"], description: "The interchange whose acknowledgment settled it." },
    detail: { type: ["string", "null"] },
    updatedAt: { type: "string", format: "date-time" },
  },
} as const;

export function ackItemView(item: AckItemRecord): Record<string, unknown> {
  return {
    interchangeId: item.interchangeId,
    level: item.level,
    groupControl: item.groupControl,
    setControl: item.setControl,
    docType: item.docType,
    state: item.state,
    dueAt: item.dueAt,
    answeredBy: item.ackInterchangeId,
    detail: item.detail,
    updatedAt: item.updatedAt,
  };
}
