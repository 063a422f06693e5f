import type { ColumnType, Generated } from "kysely";
import type { DeliveryState, InterchangeState, JobState, MessageState, ServiceLine } from "../ports/index.js";
import type {
  AckItemsTable,
  AckProfilesTable,
  ControlFindingsTable,
  GeneratedAcksTable,
  InboundControlsTable,
} from "./acknowledgment-tables.js";
import type { As2CertificatesTable, As2MessagesTable, As2ProfilesTable } from "./as2-tables.js";

/**
 * The metadata tables, shared by SQLite and PostgreSQL. Times are stored as ISO-8601 text in UTC (they sort
 * and compare as text in both databases); JSON columns are text.
 */
export interface Database {
  accounts: AccountsTable;
  identities: IdentitiesTable;
  api_keys: ApiKeysTable;
  messages: MessagesTable;
  interchanges: InterchangesTable;
  deliveries: DeliveriesTable;
  events: EventsTable;
  usage_records: UsageTable;
  jobs: JobsTable;
  control_numbers: ControlNumbersTable;
  small_blobs: SmallBlobsTable;
  ack_profiles: AckProfilesTable;
  generated_acks: GeneratedAcksTable;
  ack_items: AckItemsTable;
  inbound_controls: InboundControlsTable;
  control_findings: ControlFindingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  interchange_claims: InterchangeClaimsTable;
  push_endpoints: PushEndpointsTable;
  interconnects: InterconnectsTable;
  webhooks: WebhooksTable;
  webhook_calls: WebhookCallsTable;
  notification_emails: NotificationEmailsTable;
  sftp_logins: SftpLoginsTable;
  ssh_keys: SshKeysTable;
  ssh_host_keys: SshHostKeysTable;
  as2_certificates: As2CertificatesTable;
  as2_profiles: As2ProfilesTable;
  as2_messages: As2MessagesTable;
  partner_guides: PartnerGuidesTable;
}

export interface AccountsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface IdentitiesTable {
  id: string;
  account_id: string;
  /** ISA05 / UNB 0007 qualifier; "" when the identity has none. */
  qualifier: string;
  value: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  /** Shown in listings so a key can be recognised; the secret itself is stored only as a hash. */
  prefix: string;
  secret_hash: string;
  scope: "account" | "admin";
  created_at: string;
  revoked_at: string | null;
}

export interface MessagesTable {
  id: string;
  account_id: string;
  channel: string;
  blob_key: string;
  size: ColumnType<number, number, number>;
  sha256: string;
  format: string;
  filename: string | null;
  /** The explicit recipient given by the sender (`QUAL:ID`), required for non-EDI files. */
  to_identity: string | null;
  idempotency_key: string | null;
  state: MessageState;
  reason: string | null;
  received_at: string;
  /** When retention removed the message's bytes (0010); null while they are kept. */
  blob_removed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InterchangesTable {
  id: string;
  message_id: string;
  position: number;
  standard: string;
  sender: string;
  receiver: string;
  control: string;
  version: string;
  range_start: ColumnType<number, number, number>;
  range_end: ColumnType<number, number, number>;
  doc_types: string;
  set_count: number;
  state: InterchangeState;
  reason: string | null;
  created_at: string;
}

export interface DeliveriesTable {
  id: string;
  message_id: string;
  interchange_id: string | null;
  sender_account_id: string;
  recipient_account_id: string;
  from_identity: string;
  to_identity: string;
  route: string;
  blob_key: string;
  range_start: ColumnType<number, number, number>;
  range_end: ColumnType<number, number, number>;
  format: string;
  doc_types: string;
  state: DeliveryState;
  created_at: string;
  picked_up_at: string | null;
  expires_at: string | null;
}

export interface EventsTable {
  id: Generated<number>;
  message_id: string | null;
  interchange_id: string | null;
  delivery_id: string | null;
  account_id: string | null;
  type: string;
  detail: string;
  at: string;
}

export interface UsageTable {
  id: Generated<number>;
  account_id: string;
  message_id: string | null;
  service_line: ServiceLine;
  kilocharacters: number;
  documents: number;
  bytes: ColumnType<number, number, number>;
  at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: string;
  lease_until: string | null;
  worker: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ControlNumbersTable {
  scope: string;
  value: ColumnType<number, number, number>;
}

/** Blobs small enough to keep in the database, committed with the rows that refer to them. */
export interface SmallBlobsTable {
  key: string;
  content: Uint8Array;
  size: ColumnType<number, number, number>;
  sha256: string;
  created_at: string;
}

/** Where an account's deliveries are pushed (0007); `active` is 1 or 0. */
export interface PushEndpointsTable {
  id: string;
  account_id: string;
  kind: "as2" | "sftp";
  settings: string;
  active: number;
  created_at: string;
}

export interface InterconnectsTable {
  account_id: string;
  network: string;
  created_at: string;
}

export interface WebhooksTable {
  id: string;
  account_id: string;
  url: string;
  secret: string;
  events: string;
  active: number;
  created_at: string;
}

export interface WebhookCallsTable {
  id: string;
  webhook_id: string;
  account_id: string;
  notification_id: string;
  type: string;
  body: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationEmailsTable {
  account_id: string;
  address: string;
  events: string;
  updated_at: string;
}

/** People who sign in (0008-users); `email` is lower case and unique. */
export interface UsersTable {
  id: string;
  account_id: string;
  email: string;
  display_name: string;
  role: "admin" | "member";
  scope: "account" | "admin";
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
}

/** Signed-in users: the token's prefix finds the row, the secret is kept only as a hash. */
export interface SessionsTable {
  id: string;
  user_id: string;
  prefix: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
}

/**
 * One row per (sender, receiver, control number): the interchange that holds it for duplicate detection
 * (0008-interchange-claims). A unique key, so that two routers cannot both accept the same interchange.
 */
export interface InterchangeClaimsTable {
  sender: string;
  receiver: string;
  control: string;
  message_id: string;
  position: number;
  claimed_at: string;
}

/** Partner guides (0009): an account's implementation guides, for one partner ("") or all of them. */
export interface PartnerGuidesTable {
  id: string;
  account_id: string;
  partner: string;
  guide_id: string;
  /** The guide document, JSON text. */
  document: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** SFTP logins (0005): one per account, the username unique on the network. */
export interface SftpLoginsTable {
  account_id: string;
  username: string;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface SshKeysTable {
  id: string;
  account_id: string;
  algorithm: string;
  bits: number;
  fingerprint: string;
  public_key: string;
  comment: string;
  created_at: string;
}

export interface SshHostKeysTable {
  algorithm: string;
  private_key: string;
  public_key: string;
  fingerprint: string;
  created_at: string;
}
