import type { Page } from "./metadata-store.js";

/**
 * What the network keeps about acknowledgments: the profiles that say which ones to send and expect, the
 * acknowledgments it generated, the outbound items waiting for an answer, and what inbound control numbers
 * showed (gaps, duplicates). Times are ISO-8601 strings in UTC.
 */

/** `requested`: when the envelope asks for it (ISA14 = 1, UNB 0031 = 1); `always`; `never`. */
export type AckChoice = "requested" | "always" | "never";

/** Which functional acknowledgment answers X12 groups: none, 997, 999, or `auto` (999 for 005010X2xx, else 997). */
export type FunctionalAckChoice = "none" | "auto" | "997" | "999";

/**
 * A sending account's acknowledgment profile. `identity` "" applies to every identity of the account, `partner`
 * "" to every receiver; the most specific profile wins (identity and partner, identity, partner, account).
 */
export interface AckProfileRecord {
  readonly accountId: string;
  /** The sending identity `QUAL:ID`, or "" for all of the account's identities. */
  readonly identity: string;
  /** The receiving identity `QUAL:ID`, or "" for every partner. */
  readonly partner: string;
  readonly ta1: AckChoice;
  readonly functional: FunctionalAckChoice;
  readonly contrl: AckChoice;
  /** A rejected transaction set rejects its whole group (default: the good sets are accepted). */
  readonly rejectGroupOnSetError: boolean;
  /** Whether an acknowledgment is expected back for what this sender sends (watched for overdue). */
  readonly expectAck: AckChoice;
  /** How long the partner has to acknowledge, in minutes (default 1440, 24 hours). */
  readonly ackWindowMinutes: number;
  /** Windows for some document types (ST01 / UNH 0065), in minutes, overriding `ackWindowMinutes`. */
  readonly docTypeWindows: Readonly<Record<string, number>>;
  readonly updatedAt: string;
}

export interface AckProfileRepository {
  /** Creates or replaces the profile of (account, identity, partner). */
  upsert(profile: AckProfileRecord): Promise<void>;
  list(accountId: string): Promise<readonly AckProfileRecord[]>;
  /** The account's profiles that can apply to a sending identity and a partner (exact or ""). */
  candidates(accountId: string, identity: string, partner: string): Promise<readonly AckProfileRecord[]>;
  delete(accountId: string, identity: string, partner: string): Promise<boolean>;
}

export type GeneratedAckKind = "ta1" | "997" | "999" | "contrl";

/**
 * An acknowledgment the network generates for an interchange. It is reserved first (its message id, its
 * control numbers and its time fixed, so that a retried job renders the very same bytes) and marked sent in
 * the transaction that stores it as a message; one per interchange and kind, ever.
 */
export interface GeneratedAckRecord {
  readonly interchangeId: string;
  readonly kind: GeneratedAckKind;
  /** The id the acknowledgment's message gets. */
  readonly messageId: string;
  /** The first control number reserved for each envelope level (interchange, group, set). */
  readonly controls: Readonly<Record<"interchange" | "group" | "set", number>>;
  readonly generatedAt: string;
  readonly state: "reserved" | "sent";
}

export interface GeneratedAckRepository {
  /** Inserts the reservation unless one exists for (interchange, kind); returns the one that holds. */
  reserve(ack: GeneratedAckRecord): Promise<GeneratedAckRecord>;
  /** `reserved` → `sent`; false when it was sent already. */
  markSent(interchangeId: string, kind: GeneratedAckKind): Promise<boolean>;
  listByInterchange(interchangeId: string): Promise<readonly GeneratedAckRecord[]>;
}

export type AckItemLevel = "interchange" | "group" | "set";

/** Where an outbound interchange, group or set stands with its acknowledgment. */
export type AckItemState = "awaiting" | "acknowledged" | "accepted_with_errors" | "rejected" | "ack_overdue";

/** An outbound interchange, group or set that expects an acknowledgment back from its receiver. */
export interface AckItemRecord {
  readonly id: string;
  readonly interchangeId: string;
  readonly messageId: string;
  /** The sending account, told when the acknowledgment is overdue. */
  readonly accountId: string;
  readonly level: AckItemLevel;
  /** Envelope parties of the interchange (ISA05:ISA06 / UNB 0004), as the answer addresses them back. */
  readonly sender: string;
  readonly receiver: string;
  readonly interchangeControl: string;
  /** GS06 / UNG 0048 ("" at the interchange level, and for EDIFACT messages outside groups). */
  readonly groupControl: string;
  /** ST02 / UNH 0062 ("" above the set level). */
  readonly setControl: string;
  /** GS01 for a group, ST01 / UNH 0065 for a set, the set types joined by "," for an interchange. */
  readonly docType: string;
  readonly state: AckItemState;
  /** When the acknowledgment is due; null below the interchange level (the interchange is watched). */
  readonly dueAt: string | null;
  /** The interchange that answered it. */
  readonly ackInterchangeId: string | null;
  readonly detail: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AckItemRepository {
  /** Inserts the items, skipping any whose id exists (a retried job records the same items). */
  insertMany(items: readonly AckItemRecord[]): Promise<void>;
  get(id: string): Promise<AckItemRecord | null>;
  listByInterchange(interchangeId: string): Promise<readonly AckItemRecord[]>;
  /** The items of the newest interchange from `sender` to `receiver` with this control number, any level. */
  findByInterchangeControl(
    sender: string,
    receiver: string,
    control: string,
  ): Promise<readonly AckItemRecord[]>;
  /**
   * The newest group from `sender` to `receiver` with this group control number and functional id, with its
   * sets; none when there is no such group.
   */
  findByGroupControl(
    sender: string,
    receiver: string,
    groupControl: string,
    functionalId: string,
  ): Promise<readonly AckItemRecord[]>;
  /** Moves an item to `state` when it is in one of `from`; false when it was not. */
  settle(
    id: string,
    from: readonly AckItemState[],
    state: AckItemState,
    change: { readonly ackInterchangeId: string | null; readonly detail: string | null; readonly at: string },
  ): Promise<boolean>;
  /** Interchange-level items still awaiting an answer whose window ended at or before `now`, oldest first. */
  listOverdue(now: string, limit: number): Promise<readonly AckItemRecord[]>;
}

export type ControlFindingKind = "gap" | "duplicate" | "late";

/** Something an inbound interchange control number showed about its sender's sequence. */
export interface ControlFindingRecord {
  readonly id: string;
  readonly kind: ControlFindingKind;
  readonly sender: string;
  readonly receiver: string;
  readonly senderAccountId: string;
  readonly receiverAccountId: string | null;
  /** The control number that arrived. */
  readonly control: string;
  /** For a gap: the first and last numbers missing before it. */
  readonly missingFrom: string | null;
  readonly missingTo: string | null;
  readonly interchangeId: string;
  readonly messageId: string;
  readonly at: string;
}

export interface ControlFindingFilter {
  /** Findings about what this account sent or received; omitted for the admin scope. */
  readonly accountId?: string;
  readonly sender?: string;
  readonly kind?: ControlFindingKind;
}

export interface InboundControlRepository {
  /**
   * Notes that `control` arrived from `sender` to `receiver`, in one atomic statement, and returns the highest
   * number seen before it (null for the first). A number far below the highest (by more than half a billion)
   * starts the sequence again: a counter that wrapped around.
   */
  advance(sender: string, receiver: string, control: number, at: string): Promise<number | null>;
  addFinding(finding: ControlFindingRecord): Promise<void>;
  /** Findings newest first, after the cursor (an id). */
  listFindings(
    filter: ControlFindingFilter,
    after: string | null,
    limit: number,
  ): Promise<Page<ControlFindingRecord>>;
}
