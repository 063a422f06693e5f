/** The JSON bodies of the OpenVAN REST API (`/api/v1`), as the client reads them. */

/** `202` answer to `POST /messages`: the message is durable. */
export interface SendAnswer {
  readonly id: string;
  /** True when an idempotency key (or an identical resend) returned an earlier message. */
  readonly replay: boolean;
  /** `x12`, `edifact` or `file`. */
  readonly format: string;
}

/** A page of a list; `next` is the path of the next page, or null on the last one. */
export interface ApiPage<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface MailboxItem {
  readonly id: string;
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly format: string;
  readonly docTypes: readonly string[];
  readonly size: number;
  readonly receivedAt: string;
}

/** One interchange (or file) as tracking shows it. */
export interface TrackedInterchange {
  readonly id: string;
  readonly messageId: string;
  readonly standard: string;
  readonly sender: string;
  readonly receiver: string;
  readonly control: string;
  readonly docTypes: readonly string[];
  readonly state: string;
  readonly reason?: string | null;
  readonly createdAt: string;
}

export interface TrackedDelivery {
  readonly id: string;
  readonly interchangeId?: string | null;
  readonly from?: string;
  readonly to?: string;
  readonly route?: string;
  readonly state: string;
  readonly pickedUpAt?: string | null;
}

export interface TrackedEvent {
  readonly type: string;
  readonly at: string;
  readonly interchangeId?: string | null;
  readonly deliveryId?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** `GET /messages/{id}`: a message's state and whole story. */
export interface MessageStory {
  readonly id: string;
  readonly state: string;
  readonly format: string;
  readonly size: number;
  readonly receivedAt: string;
  readonly filename?: string | null;
  readonly reason?: string | null;
  readonly interchanges: readonly TrackedInterchange[];
  readonly deliveries: readonly TrackedDelivery[];
  readonly events: readonly TrackedEvent[];
}

export interface TrackQuery {
  readonly partner?: string;
  readonly control?: string;
  readonly docType?: string;
  readonly state?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly createdAt?: string;
}

export interface Identity {
  readonly id?: string;
  readonly accountId?: string;
  readonly identity: string;
  readonly createdAt?: string;
}

export type KeyScope = "account" | "admin";

/** An API key as listed: never the key itself, only the prefix it starts with (`ov_<prefix>_`). */
export interface ApiKey {
  readonly id: string;
  readonly accountId: string;
  readonly prefix: string;
  readonly scope: KeyScope;
  readonly createdAt: string;
  readonly revokedAt?: string | null;
}

/** `POST /admin/accounts/{id}/keys`: the whole key, shown this once. */
export interface IssuedKey extends ApiKey {
  readonly key: string;
}

/** One EDI fault of a rejected message, where it is in the bytes. */
export interface ApiEdiError {
  readonly code: string;
  readonly message: string;
  readonly offset: number;
  readonly segment?: number;
  readonly tag?: string;
  readonly element?: number;
}
