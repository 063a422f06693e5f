import type { ColumnType, Generated } from "kysely";
import type { DeliveryState, InterchangeState, JobState, MessageState, ServiceLine } from "../ports/index.js";

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
