import type { InterchangeRecord, InterchangeState } from "../../../storage/ports/index.js";

/** Every interchange state (InterchangeState), for schemas and filters. */
export const interchangeStateNames: readonly InterchangeState[] = [
  "accepted",
  "rejected",
  "duplicate",
  "unroutable",
  "routed",
  "acknowledged",
  "accepted_with_errors",
  "ack_overdue",
];

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
    state: {
      type: "string",
      enum: interchangeStateNames,
      description:
        "On the network: accepted, routed (or rejected, duplicate, unroutable); then, as its receiver answers: acknowledged, accepted_with_errors, rejected, or ack_overdue.",
    },
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
