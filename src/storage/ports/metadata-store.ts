import type {
  AckItemRepository,
  AckProfileRepository,
  GeneratedAckRepository,
  InboundControlRepository,
} from "./acknowledgments.js";
import type { As2Repository } from "./as2.js";
import type {
  InterconnectRepository,
  NotificationEmailRepository,
  PushEndpointRepository,
  WebhookCallRepository,
  WebhookRepository,
} from "./outbound.js";
import type { PartnerGuideRepository } from "./partner-guides.js";
import type {
  AccountRecord,
  ApiKeyRecord,
  DeliveryRecord,
  DeliveryState,
  EventRecord,
  IdentityRecord,
  InterchangeRecord,
  InterchangeState,
  JobRecord,
  MessageRecord,
  MessageState,
  UsageRecord,
} from "./records.js";
import type { SftpLoginRepository } from "./sftp-logins.js";
import type { SessionRepository, UserRepository } from "./users.js";

/** A page of results and the cursor of the next page (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface AccountRepository {
  insert(account: AccountRecord): Promise<void>;
  get(id: string): Promise<AccountRecord | null>;
  findByName(name: string): Promise<AccountRecord | null>;
  list(): Promise<readonly AccountRecord[]>;
}

export interface IdentityRepository {
  /** Throws IDENTITY_TAKEN when another identity has the same qualifier and value. */
  insert(identity: IdentityRecord): Promise<void>;
  findByAddress(qualifier: string, value: string): Promise<IdentityRecord | null>;
  listByAccount(accountId: string): Promise<readonly IdentityRecord[]>;
  delete(id: string): Promise<boolean>;
}

export interface ApiKeyRepository {
  insert(key: ApiKeyRecord): Promise<void>;
  findByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  listByAccount(accountId: string): Promise<readonly ApiKeyRecord[]>;
  revoke(id: string, at: string): Promise<boolean>;
}

export interface MessageRepository {
  insert(message: MessageRecord): Promise<void>;
  get(id: string): Promise<MessageRecord | null>;
  findByIdempotencyKey(accountId: string, key: string): Promise<MessageRecord | null>;
  /** The latest message of the account with this content hash received at or after `since`. */
  findRecentByHash(accountId: string, sha256: string, since: string): Promise<MessageRecord | null>;
  setState(id: string, state: MessageState, reason: string | null): Promise<void>;
  /**
   * Compare-and-set: moves the message to `state` only while it is in `from`; false when it was not (another
   * worker changed it first; on PostgreSQL the loser waits for the winner's commit, then sees the new state).
   */
  transition(id: string, from: MessageState, state: MessageState, reason: string | null): Promise<boolean>;
  /** The same compare-and-set, handing back the message as it is after the move; null when it did not move. */
  transitionReturning(
    id: string,
    from: MessageState,
    state: MessageState,
    reason: string | null,
  ): Promise<MessageRecord | null>;
  /** Messages received before `before` (for retention), oldest first. */
  listReceivedBefore(before: string, limit: number): Promise<readonly MessageRecord[]>;
  /**
   * Messages received before `before` whose bytes retention has not removed yet, oldest first (by received time,
   * then id), after the message `after` when one is given: the pages of the retention sweep.
   */
  listBytesKept(
    before: string,
    after: { readonly receivedAt: string; readonly id: string } | null,
    limit: number,
  ): Promise<readonly MessageRecord[]>;
  /**
   * Records that retention removed the message's bytes; false when that was recorded already (by another node
   * sweeping at the same time, say), so that only one of them tells it.
   */
  markBytesRemoved(id: string, at: string): Promise<boolean>;
  /** Of these blob keys, the ones some message refers to. */
  blobKeysInUse(keys: readonly string[]): Promise<ReadonlySet<string>>;
  delete(id: string): Promise<void>;
}

export interface InterchangeRepository {
  insert(interchange: InterchangeRecord): Promise<void>;
  listByMessage(messageId: string): Promise<readonly InterchangeRecord[]>;
  setState(id: string, state: InterchangeState, reason: string | null): Promise<void>;
  /**
   * Claims (sender, receiver, control) for the interchange at `position` of message `messageId`, in the
   * caller's transaction: the claim is one row under a unique key, so that of two transactions claiming the same
   * key at once, the second waits for the first and sees its claim. A claim older than `since`, or one of the
   * same message (routing again), is taken over. Null when the claim is now this interchange's; otherwise the
   * claim that holds the key (its interchange is null when retention has removed it).
   */
  claimControl(claim: ControlClaim, since: string): Promise<HeldControlClaim | null>;
}

/** The key of duplicate detection, and the interchange that holds it. */
export interface ControlClaim {
  readonly sender: string;
  readonly receiver: string;
  readonly control: string;
  readonly messageId: string;
  readonly position: number;
  readonly at: string;
}

export interface HeldControlClaim {
  readonly messageId: string;
  readonly interchangeId: string | null;
}

export interface TrackingFilter {
  /** Only what this account sent or received; omitted for the admin scope. */
  readonly accountId?: string;
  /** Sender or receiver identity (`QUAL:ID`). */
  readonly partner?: string;
  readonly control?: string;
  readonly docType?: string;
  readonly state?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface DeliveryRepository {
  insert(delivery: DeliveryRecord): Promise<void>;
  get(id: string): Promise<DeliveryRecord | null>;
  /** Items of a mailbox in creation order, after the cursor. */
  listMailbox(
    recipientAccountId: string,
    state: DeliveryState,
    after: string | null,
    limit: number,
  ): Promise<Page<DeliveryRecord>>;
  /** Moves an item from `in_mailbox` to `picked_up`; false when it was not in the mailbox. */
  confirm(id: string, at: string): Promise<boolean>;
  /** Puts a picked-up (or expired) item back into the mailbox. */
  reopen(id: string, expiresAt: string | null): Promise<boolean>;
  listByMessage(messageId: string): Promise<readonly DeliveryRecord[]>;
  /** Deliveries whose retention ended at or before `now`. */
  listExpired(now: string, limit: number): Promise<readonly DeliveryRecord[]>;
  delete(id: string): Promise<void>;
  /** Deliveries still pointing at a blob (so that it is kept). */
  countByBlob(blobKey: string): Promise<number>;
  /** Moves a delivery from one of the `from` states to `to`; false when it was in none of them. */
  transition(id: string, from: readonly DeliveryState[], to: DeliveryState): Promise<boolean>;
}

export interface EventRepository {
  append(event: Omit<EventRecord, "id">): Promise<void>;
  /** Appends these events in their order, in as few statements as the database allows. */
  appendMany(events: readonly Omit<EventRecord, "id">[]): Promise<void>;
  listByMessage(messageId: string): Promise<readonly EventRecord[]>;
}

export interface TrackingRepository {
  /** Interchanges (and non-EDI files) matching the filter, newest first, after the cursor. */
  search(filter: TrackingFilter, after: string | null, limit: number): Promise<Page<InterchangeRecord>>;
}

export interface UsageRepository {
  record(usage: UsageRecord): Promise<void>;
  /** Records these in as few statements as the database allows. */
  recordMany(usages: readonly UsageRecord[]): Promise<void>;
  totals(
    accountId: string,
    from: string,
    to: string,
  ): Promise<{ kilocharacters: number; documents: number; bytes: number }>;
}

export interface JobToEnqueue {
  readonly id: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly runAt: string;
  readonly maxAttempts: number;
}

/**
 * The durable job queue, on the metadata database so that a job is enqueued in the same transaction as the
 * records it works on. A claimed job holds a lease; when the lease runs out (the worker died), the job is
 * claimed again. PostgreSQL claims with FOR UPDATE SKIP LOCKED so workers never wait for each other.
 */
export interface JobRepository {
  enqueue(job: JobToEnqueue): Promise<void>;
  /** Takes the oldest due job of these kinds, or one whose lease ran out; null when there is none. */
  claim(kinds: readonly string[], worker: string, now: string, leaseUntil: string): Promise<JobRecord | null>;
  /**
   * Takes up to `limit` jobs of these kinds at once, in one statement each for the jobs whose lease ran out
   * (first) and for the due ones (oldest first); none when there is nothing to do. `expired: false` leaves
   * out the look for jobs whose lease ran out (a runner does it only now and then).
   */
  claimBatch(
    kinds: readonly string[],
    worker: string,
    now: string,
    leaseUntil: string,
    limit: number,
    options?: { readonly expired?: boolean },
  ): Promise<readonly JobRecord[]>;
  /** Moves the lease of these running jobs of the worker to `leaseUntil`; how many the worker still held. */
  extendLease(ids: readonly string[], worker: string, leaseUntil: string): Promise<number>;
  /**
   * Marks the job done, only while the worker holds it. Called on the repositories of the transaction that
   * commits the job's work, the job is done exactly when that work is.
   */
  complete(id: string, worker: string, now: string): Promise<boolean>;
  /** Back to `ready` at `runAt` after a failed attempt. */
  retry(id: string, worker: string, runAt: string, error: string): Promise<boolean>;
  /** To `dead`: no more attempts; stays visible. */
  bury(id: string, worker: string, error: string, now: string): Promise<boolean>;
  get(id: string): Promise<JobRecord | null>;
  listByState(state: JobRecord["state"], limit: number): Promise<readonly JobRecord[]>;
}

/** A small blob kept in the metadata database (see the tiered blob store): its bytes and what they measure. */
export interface SmallBlobRecord {
  readonly key: string;
  readonly content: Uint8Array;
  readonly sha256: string;
  readonly createdAt: string;
}

/** Small blobs, written once in the transaction of the caller's choice, never changed. */
export interface SmallBlobRepository {
  insert(blob: SmallBlobRecord): Promise<void>;
  /** The bytes of the blob, or null when there is no such blob. */
  content(key: string): Promise<Uint8Array | null>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

/** Durable counters, each advanced atomically (one INSERT … ON CONFLICT … DO UPDATE … RETURNING). */
export interface ControlNumberRepository {
  next(scope: string): Promise<number>;
  /** Takes `count` numbers at once (one statement) and returns the first; the block is first..first+count-1. */
  reserve(scope: string, count: number): Promise<number>;
}

/** Everything the network reads and writes, inside or outside a transaction. */
export interface MetadataRepositories {
  readonly accounts: AccountRepository;
  readonly identities: IdentityRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly messages: MessageRepository;
  readonly interchanges: InterchangeRepository;
  readonly deliveries: DeliveryRepository;
  readonly events: EventRepository;
  readonly tracking: TrackingRepository;
  readonly usage: UsageRepository;
  readonly jobs: JobRepository;
  readonly controlNumbers: ControlNumberRepository;
  readonly smallBlobs: SmallBlobRepository;
  readonly ackProfiles: AckProfileRepository;
  readonly generatedAcks: GeneratedAckRepository;
  readonly ackItems: AckItemRepository;
  readonly inboundControls: InboundControlRepository;
  readonly pushEndpoints: PushEndpointRepository;
  readonly interconnects: InterconnectRepository;
  readonly webhooks: WebhookRepository;
  readonly webhookCalls: WebhookCallRepository;
  readonly notificationEmails: NotificationEmailRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly sftpLogins: SftpLoginRepository;
  readonly as2: As2Repository;
  readonly partnerGuides: PartnerGuideRepository;
}

export interface MetadataCapabilities {
  /** Row locks that other claimers skip (PostgreSQL); without them, claims are serialised by the database. */
  readonly skipLocked: boolean;
  /**
   * Group-commit batches under way at once (see CommitBatcher). SQLite: one. The next batch then waits for the
   * last one's flush to disk, and meanwhile the event loop reads the requests that make it larger: on the
   * 2-core bench, 3-13% more messages routed per second and less CPU per message than with two. PostgreSQL:
   * two, each on a connection of its own, one running while the other's commit waits for the server.
   */
  readonly commitLanes: number;
}

/**
 * The metadata database. Repositories used directly run each call on its own; `transaction` runs a function
 * with repositories bound to one transaction, committed when it resolves and rolled back when it throws.
 */
export interface MetadataStore extends MetadataRepositories {
  readonly capabilities: MetadataCapabilities;
  transaction<T>(work: (tx: MetadataRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
