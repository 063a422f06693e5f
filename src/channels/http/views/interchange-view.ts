import type { InterchangeRecord } from "../../../storage/ports/index.js";

/** One interchange (or non-EDI file) as tracking shows it. */
export const interchangeSchema = {
  type: "object",
  required: [
    "id",
    "messageId",
    "standard",
    "sender",
    "receiver",
    "control",
    "docTypes",
    "state",
    "createdAt",
  ],
  properties: {
    id: { type: "string" },
    messageId: { type: "string" },
    position: { type: "integer", description: "0-based position in its message." },
    standard: { type: "string", enum: ["x12", "edifact", "file"] },
    sender: { type: "string" },
    receiver: { type: "string" },
    control: { type: "string", description: "Interchange control number (the message id for a file)." },
    version: { type: "string" },
    docTypes: { type: "array", items: { type: "string" } },
    setCount: { type: "integer" },
    size: { type: "integer" },
    state: { type: "string", enum: ["accepted", "rejected", "duplicate", "unroutable", "routed"] },
    reason: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

export function interchangeView(ic: InterchangeRecord): Record<string, unknown> {
  return {
    id: ic.id,
    messageId: ic.messageId,
    position: ic.position,
    standard: ic.standard,
    sender: ic.sender,
    receiver: ic.receiver,
    control: ic.control,
    version: ic.version,
    docTypes: ic.docTypes,
    setCount: ic.setCount,
    size: ic.rangeEnd - ic.rangeStart,
    state: ic.state,
    reason: ic.reason,
    createdAt: ic.createdAt,
  };
}
