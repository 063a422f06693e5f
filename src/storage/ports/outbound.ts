/**
 * Records of what leaves the network on its own initiative: deliveries pushed to an account's own AS2 or SFTP
 * server (or to another network, for an interconnect account), and notifications by webhook or e-mail.
 */

/** Where an account's deliveries are pushed instead of waiting in its mailbox. */
export interface PushEndpointRecord {
  readonly id: string;
  readonly accountId: string;
  readonly kind: "as2" | "sftp";
  /** What the transport of `kind` needs; checked by it when it pushes. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** At most one endpoint of an account is active; the others are kept for a switch back. */
  readonly active: boolean;
  readonly createdAt: string;
}

export interface PushEndpointRepository {
  insert(endpoint: PushEndpointRecord): Promise<void>;
  get(id: string): Promise<PushEndpointRecord | null>;
  listByAccount(accountId: string): Promise<readonly PushEndpointRecord[]>;
  /** The account's active endpoint, or null when its deliveries go to its mailbox. */
  findActive(accountId: string): Promise<PushEndpointRecord | null>;
  /** Makes this endpoint the account's only active one (`true`), or deactivates it; false when there is none. */
  setActive(id: string, active: boolean): Promise<boolean>;
  /** Replaces the settings; false when there is no such endpoint. */
  updateSettings(id: string, settings: Readonly<Record<string, unknown>>): Promise<boolean>;
  delete(id: string): Promise<boolean>;
}

/** An account of this network that stands for another network: its identities are hosted there. */
export interface InterconnectRecord {
  readonly accountId: string;
  /** The other network's name, as the operator calls it. */
  readonly network: string;
  readonly createdAt: string;
}

export interface InterconnectRepository {
  insert(interconnect: InterconnectRecord): Promise<void>;
  get(accountId: string): Promise<InterconnectRecord | null>;
  list(): Promise<readonly InterconnectRecord[]>;
}

/** An account's subscription: notifications of these types are POSTed, signed, to the URL. */
export interface WebhookRecord {
  readonly id: string;
  readonly accountId: string;
  readonly url: string;
  /** The HMAC-SHA256 key of the signature header; shown once, when the webhook is made. */
  readonly secret: string;
  readonly events: readonly string[];
  readonly active: boolean;
  readonly createdAt: string;
}

export interface WebhookRepository {
  insert(webhook: WebhookRecord): Promise<void>;
  get(id: string): Promise<WebhookRecord | null>;
  listByAccount(accountId: string): Promise<readonly WebhookRecord[]>;
  setActive(id: string, active: boolean): Promise<boolean>;
  delete(id: string): Promise<boolean>;
}

export type WebhookCallState = "pending" | "delivered" | "failed";

/** One notification sent (or being sent) to one webhook: the delivery log of the API. */
export interface WebhookCallRecord {
  readonly id: string;
  readonly webhookId: string;
  readonly accountId: string;
  /** The notification's id (its notify job): one call per notification and webhook. */
  readonly notificationId: string;
  readonly type: string;
  /** The exact JSON body POSTed, so that every retry signs and sends the same bytes. */
  readonly body: string;
  readonly state: WebhookCallState;
  readonly attempts: number;
  /** The HTTP status of the last attempt; null when it got no answer. */
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WebhookCallRepository {
  /** Adds the call unless one for the same notification and webhook exists; true when it was added. */
  insert(call: WebhookCallRecord): Promise<boolean>;
  get(id: string): Promise<WebhookCallRecord | null>;
  findByNotification(notificationId: string, webhookId: string): Promise<WebhookCallRecord | null>;
  /** Records one attempt's outcome. */
  recordAttempt(
    id: string,
    outcome: {
      readonly state: WebhookCallState;
      readonly status: number | null;
      readonly error: string | null;
      readonly at: string;
    },
  ): Promise<void>;
  /** The webhook's calls, newest first, after the cursor. */
  listByWebhook(
    webhookId: string,
    after: string | null,
    limit: number,
  ): Promise<{ readonly items: readonly WebhookCallRecord[]; readonly next: string | null }>;
}

/** Where an account wants notifications by e-mail, and of which types. */
export interface NotificationEmailRecord {
  readonly accountId: string;
  readonly address: string;
  readonly events: readonly string[];
  readonly updatedAt: string;
}

export interface NotificationEmailRepository {
  /** Sets (replaces) the account's address. */
  set(record: NotificationEmailRecord): Promise<void>;
  get(accountId: string): Promise<NotificationEmailRecord | null>;
  /** Removes it; false when there was none. */
  clear(accountId: string): Promise<boolean>;
}
