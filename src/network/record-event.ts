import type { DeliveryRecord, EventRecord, MetadataRepositories } from "../storage/ports/index.js";

/** What an event is about; every field is optional. */
export interface EventSubject {
  readonly messageId?: string | null;
  readonly interchangeId?: string | null;
  readonly deliveryId?: string | null;
  readonly accountId?: string | null;
}

/** Appends one event of the audit trail: every state change writes one, in the same transaction. */
export function recordEvent(
  tx: MetadataRepositories,
  type: string,
  at: string,
  subject: EventSubject,
  detail: Record<string, unknown> = {},
): Promise<void> {
  return tx.events.append(eventRecord(type, at, subject, detail));
}

/** The event `recordEvent` would append, for a caller that writes several at once. */
export function eventRecord(
  type: string,
  at: string,
  subject: EventSubject,
  detail: Record<string, unknown> = {},
): Omit<EventRecord, "id"> {
  return {
    messageId: subject.messageId ?? null,
    interchangeId: subject.interchangeId ?? null,
    deliveryId: subject.deliveryId ?? null,
    accountId: subject.accountId ?? null,
    type,
    detail,
    at,
  };
}

/** The subject of an event about a delivery (a mailbox item): it concerns the recipient's account. */
export function deliverySubject(item: DeliveryRecord): EventSubject {
  return {
    messageId: item.messageId,
    interchangeId: item.interchangeId,
    deliveryId: item.id,
    accountId: item.recipientAccountId,
  };
}
