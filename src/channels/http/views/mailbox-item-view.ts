import type { DeliveryRecord } from "../../../storage/ports/index.js";

/** An item of a mailbox as the API shows it. */
export interface MailboxItemView {
  readonly id: string;
  readonly messageId: string;
  readonly interchangeId: string | null;
  readonly from: string;
  readonly to: string;
  readonly format: string;
  readonly docTypes: readonly string[];
  readonly size: number;
  readonly state: string;
  readonly receivedAt: string;
  readonly pickedUpAt: string | null;
  readonly expiresAt: string | null;
}

export const mailboxItemSchema = {
  type: "object",
  required: ["id", "messageId", "from", "to", "format", "docTypes", "size", "state", "receivedAt"],
  properties: {
    id: { type: "string", description: "The delivery id; also the download's ETag." },
    messageId: { type: "string" },
    interchangeId: { type: ["string", "null"] },
    from: { type: "string", description: "Sender identity QUAL:ID." },
    to: { type: "string", description: "Receiver identity QUAL:ID." },
    format: { type: "string", enum: ["x12", "edifact", "file"] },
    docTypes: { type: "array", items: { type: "string" } },
    size: { type: "integer", description: "Bytes of the content." },
    state: {
      type: "string",
      enum: ["in_mailbox", "picked_up", "expired", "pushing", "delivered", "push_failed"],
    },
    receivedAt: { type: "string", format: "date-time", description: "When it arrived in the mailbox." },
    pickedUpAt: { type: ["string", "null"], format: "date-time" },
    expiresAt: { type: ["string", "null"], format: "date-time" },
  },
} as const;

export function mailboxItemView(item: DeliveryRecord): MailboxItemView {
  return {
    id: item.id,
    messageId: item.messageId,
    interchangeId: item.interchangeId,
    from: item.fromIdentity,
    to: item.toIdentity,
    format: item.format,
    docTypes: item.docTypes,
    size: item.rangeEnd - item.rangeStart,
    state: item.state,
    receivedAt: item.createdAt,
    pickedUpAt: item.pickedUpAt,
    expiresAt: item.expiresAt,
  };
}
