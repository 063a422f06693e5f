import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

type Table = CreateTableBuilder<string, never>;
type Column = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

const required: Column = (col) => col.notNull();
const primaryKey: Column = (col) => col.primaryKey();

/** Creates the metadata tables of src/storage/sql/schema.ts, their keys and the indexes the repositories use. */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  const generatedKey = (table: Table): Table =>
    flavour.generatedKey === "autoincrement"
      ? table.addColumn("id", "integer", (col) => col.primaryKey().autoIncrement())
      : table.addColumn("id", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity());
  const account = (table: Table, column: string, nullable = false): Table =>
    table.addColumn(column, text, (col) => {
      const ref = col.references("accounts.id");
      return nullable ? ref : ref.notNull();
    });

  await db.schema
    .createTable("accounts")
    .addColumn("id", text, primaryKey)
    .addColumn("name", text, required)
    .addColumn("created_at", text, required)
    .addUniqueConstraint("accounts_name_unique", ["name"])
    .execute();

  await account(db.schema.createTable("identities").addColumn("id", text, primaryKey), "account_id")
    .addColumn("qualifier", text, required)
    .addColumn("value", text, required)
    .addColumn("created_at", text, required)
    .addUniqueConstraint("identities_address_unique", ["qualifier", "value"])
    .execute();
  await db.schema.createIndex("identities_account").on("identities").column("account_id").execute();

  await account(db.schema.createTable("api_keys").addColumn("id", text, primaryKey), "account_id")
    .addColumn("prefix", text, required)
    .addColumn("secret_hash", text, required)
    .addColumn("scope", text, required)
    .addColumn("created_at", text, required)
    .addColumn("revoked_at", text)
    .addUniqueConstraint("api_keys_prefix_unique", ["prefix"])
    .execute();
  await db.schema.createIndex("api_keys_account").on("api_keys").column("account_id").execute();

  await account(db.schema.createTable("messages").addColumn("id", text, primaryKey), "account_id")
    .addColumn("channel", text, required)
    .addColumn("blob_key", text, required)
    .addColumn("size", "bigint", required)
    .addColumn("sha256", text, required)
    .addColumn("format", text, required)
    .addColumn("filename", text)
    .addColumn("to_identity", text)
    .addColumn("idempotency_key", text)
    .addColumn("state", text, required)
    .addColumn("reason", text)
    .addColumn("received_at", text, required)
    .execute();
  await db.schema
    .createIndex("messages_idempotency_unique")
    .on("messages")
    .columns(["account_id", "idempotency_key"])
    .unique()
    .where("idempotency_key", "is not", null)
    .execute();
  await db.schema
    .createIndex("messages_hash")
    .on("messages")
    .columns(["account_id", "sha256", "received_at"])
    .execute();
  await db.schema.createIndex("messages_received").on("messages").columns(["received_at", "id"]).execute();

  await db.schema
    .createTable("interchanges")
    .addColumn("id", text, primaryKey)
    .addColumn("message_id", text, (col) => col.notNull().references("messages.id").onDelete("cascade"))
    .addColumn("position", "integer", required)
    .addColumn("standard", text, required)
    .addColumn("sender", text, required)
    .addColumn("receiver", text, required)
    .addColumn("control", text, required)
    .addColumn("version", text, required)
    .addColumn("range_start", "bigint", required)
    .addColumn("range_end", "bigint", required)
    .addColumn("doc_types", text, required)
    .addColumn("set_count", "integer", required)
    .addColumn("state", text, required)
    .addColumn("reason", text)
    .addColumn("created_at", text, required)
    .execute();
  await db.schema
    .createIndex("interchanges_message")
    .on("interchanges")
    .columns(["message_id", "position"])
    .execute();
  // Duplicate detection; its leading column also serves tracking searches by sender.
  await db.schema
    .createIndex("interchanges_duplicate")
    .on("interchanges")
    .columns(["sender", "receiver", "control", "created_at"])
    .execute();
  await db.schema
    .createIndex("interchanges_receiver")
    .on("interchanges")
    .columns(["receiver", "id"])
    .execute();
  await db.schema.createIndex("interchanges_control").on("interchanges").columns(["control", "id"]).execute();
  await db.schema
    .createIndex("interchanges_created")
    .on("interchanges")
    .columns(["created_at", "id"])
    .execute();

  // Deliveries outlive the message they came in (a mailbox keeps its items after the sender's copy is
  // removed), so they do not reference it.
  await account(
    account(db.schema.createTable("deliveries").addColumn("id", text, primaryKey), "sender_account_id"),
    "recipient_account_id",
  )
    .addColumn("message_id", text, required)
    .addColumn("interchange_id", text)
    .addColumn("from_identity", text, required)
    .addColumn("to_identity", text, required)
    .addColumn("route", text, required)
    .addColumn("blob_key", text, required)
    .addColumn("range_start", "bigint", required)
    .addColumn("range_end", "bigint", required)
    .addColumn("format", text, required)
    .addColumn("doc_types", text, required)
    .addColumn("state", text, required)
    .addColumn("created_at", text, required)
    .addColumn("picked_up_at", text)
    .addColumn("expires_at", text)
    .execute();
  await db.schema
    .createIndex("deliveries_mailbox")
    .on("deliveries")
    .columns(["recipient_account_id", "state", "id"])
    .execute();
  await db.schema.createIndex("deliveries_message").on("deliveries").column("message_id").execute();
  await db.schema
    .createIndex("deliveries_interchange")
    .on("deliveries")
    .columns(["interchange_id", "recipient_account_id"])
    .execute();
  await db.schema.createIndex("deliveries_blob").on("deliveries").column("blob_key").execute();
  await db.schema.createIndex("deliveries_expiry").on("deliveries").columns(["expires_at", "id"]).execute();

  // The audit trail keeps its records after what they describe is removed: no references.
  await generatedKey(db.schema.createTable("events"))
    .addColumn("message_id", text)
    .addColumn("interchange_id", text)
    .addColumn("delivery_id", text)
    .addColumn("account_id", text)
    .addColumn("type", text, required)
    .addColumn("detail", text, required)
    .addColumn("at", text, required)
    .execute();
  await db.schema.createIndex("events_message").on("events").columns(["message_id", "id"]).execute();

  await account(generatedKey(db.schema.createTable("usage_records")), "account_id")
    .addColumn("message_id", text)
    .addColumn("service_line", text, required)
    .addColumn("kilocharacters", "integer", required)
    .addColumn("documents", "integer", required)
    .addColumn("bytes", "bigint", required)
    .addColumn("at", text, required)
    .execute();
  await db.schema
    .createIndex("usage_records_account")
    .on("usage_records")
    .columns(["account_id", "at"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", text, primaryKey)
    .addColumn("kind", text, required)
    .addColumn("payload", text, required)
    .addColumn("state", text, required)
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", required)
    .addColumn("run_at", text, required)
    .addColumn("lease_until", text)
    .addColumn("worker", text)
    .addColumn("last_error", text)
    .addColumn("created_at", text, required)
    .addColumn("finished_at", text)
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["state", "run_at", "id"]).execute();
  await db.schema.createIndex("jobs_lease").on("jobs").columns(["state", "lease_until"]).execute();

  await db.schema
    .createTable("control_numbers")
    .addColumn("scope", text, primaryKey)
    .addColumn("value", "bigint", required)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    "control_numbers",
    "jobs",
    "usage_records",
    "events",
    "deliveries",
    "interchanges",
    "messages",
    "api_keys",
    "identities",
    "accounts",
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
