import type { ControlFindingRecord } from "../../../storage/ports/index.js";

export const controlFindingSchema = {
  type: "object",
  required: ["id", "kind", "sender", "receiver", "control", "interchangeId", "messageId", "at"],
  properties: {
    id: { type: "string" },
    kind: {
      type: "string",
      enum: ["gap", "duplicate", "late"],
      description:
        "`gap`: numbers were skipped before this one; `duplicate`: this number came again; `late`: it came after a higher one.",
    },
    sender: { type: "string" },
    receiver: { type: "string" },
    control: {
      type: "string",
      description: "The interchange control number (ISA13, UNB 0020) that arrived.",
    },
    missingFrom: { type: ["string", "null"], description: "For a gap: the first number missing." },
    missingTo: { type: ["string", "null"], description: "For a gap: the last number missing." },
    interchangeId: { type: "string" },
    messageId: { type: "string" },
    at: { type: "string", format: "date-time" },
  },
} as const;

export function controlFindingView(f: ControlFindingRecord): Record<string, unknown> {
  return {
    id: f.id,
    kind: f.kind,
    sender: f.sender,
    receiver: f.receiver,
    control: f.control,
    missingFrom: f.missingFrom,
    missingTo: f.missingTo,
    interchangeId: f.interchangeId,
    messageId: f.messageId,
    at: f.at,
  };
}
