/**
 * The records the network keeps, as the storage ports hand them over. Times are ISO-8601 strings in UTC.
 * Ids are opaque strings that sort by creation time (see src/kernel/ids.ts).
 */

export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** An address on the network: X12 ISA05:ISA06 or EDIFACT UNB 0007:0004 (`qualifier` "" when it has none). */
export interface IdentityRecord {
  readonly id: string;
  readonly accountId: string;
  readonly qualifier: string;
  readonly value: string;
  readonly createdAt: string;
}

export type ApiKeyScope = "account" | "admin";

export interface ApiKeyRecord {
  readonly id: string;
  readonly accountId: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly scope: ApiKeyScope;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** What arrived on a channel, kept as received. */
export type MessageState = "received" | "routed" | "partially_routed" | "rejected" | "unroutable";

export interface MessageRecord {
  readonly id: string;
  readonly accountId: string;
  readonly channel: string;
  readonly blobKey: string;
  readonly size: number;
  readonly sha256: string;
  /** `x12`, `edifact` or `file` (any other format). */
  readonly format: string;
  readonly filename: string | null;
  readonly toIdentity: string | null;
  readonly idempotencyKey: string | null;
  readonly state: MessageState;
  readonly reason: string | null;
  readonly receivedAt: string;
}

/**
 * `accepted` → `routed` on the network; then, when its receiver answers, `acknowledged`, `accepted_with_errors`
 * or `rejected` (by the partner's TA1 / 997 / 999 / CONTRL), or `ack_overdue` when no answer came in time.
 * `rejected`, `duplicate` and `unroutable` are also the network's own refusals (the reason says which).
 */
export type InterchangeState =
  | "accepted"
  | "rejected"
  | "duplicate"
  | "unroutable"
  | "routed"
  | "acknowledged"
  | "accepted_with_errors"
  | "ack_overdue";

export interface InterchangeRecord {
  readonly id: string;
  readonly messageId: string;
  /** 0-based position of the interchange in its message. */
  readonly position: number;
  readonly standard: string;
  readonly sender: string;
  readonly receiver: string;
  readonly control: string;
  readonly version: string;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly docTypes: readonly string[];
  readonly setCount: number;
  readonly state: InterchangeState;
  readonly reason: string | null;
  readonly createdAt: string;
}

/**
 * Mailbox deliveries go `in_mailbox` → `picked_up` (or `expired`). Pushed deliveries (route `as2`/`sftp`) go
 * `pushing` → `delivered` (the far side's receipt is in the event), or `push_failed` after the last attempt.
 */
export type DeliveryState = "in_mailbox" | "picked_up" | "expired" | "pushing" | "delivered" | "push_failed";

/** One interchange (or file) on its way to one recipient. Mailbox items are deliveries in state `in_mailbox`. */
export interface DeliveryRecord {
  readonly id: string;
  readonly messageId: string;
  readonly interchangeId: string | null;
  readonly senderAccountId: string;
  readonly recipientAccountId: string;
  readonly fromIdentity: string;
  readonly toIdentity: string;
  readonly route: string;
  readonly blobKey: string;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly format: string;
  readonly docTypes: readonly string[];
  readonly state: DeliveryState;
  readonly createdAt: string;
  readonly pickedUpAt: string | null;
  readonly expiresAt: string | null;
}

/** An append-only audit record of one state change. */
export interface EventRecord {
  readonly id: number;
  readonly messageId: string | null;
  readonly interchangeId: string | null;
  readonly deliveryId: string | null;
  readonly accountId: string | null;
  readonly type: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly at: string;
}

export type ServiceLine = "van" | "mapping" | "bureau";

export interface UsageRecord {
  readonly accountId: string;
  readonly messageId: string | null;
  readonly serviceLine: ServiceLine;
  /** ceil(bytes / 1000). */
  readonly kilocharacters: number;
  /** Transaction sets / messages. */
  readonly documents: number;
  readonly bytes: number;
  readonly at: string;
}

export type JobState = "ready" | "running" | "done" | "dead";

export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly state: JobState;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: string;
  readonly leaseUntil: string | null;
  readonly worker: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
}
