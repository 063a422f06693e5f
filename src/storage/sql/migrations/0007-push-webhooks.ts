import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/**
 * Outbound push and notifications: push endpoints per account, interconnect accounts (other networks),
 * webhooks with their delivery log, and the notification e-mail address of an account.
 */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  const account = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.notNull().references("accounts.id");

  await db.schema
    .createTable("push_endpoints")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("account_id", text, account)
    .addColumn("kind", text, (col) => col.notNull())
    .addColumn("settings", text, (col) => col.notNull())
    .addColumn("active", "integer", (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("push_endpoints_account")
    .on("push_endpoints")
    .columns(["account_id", "id"])
    .execute();
  // At most one active endpoint per account: routing asks for "the" endpoint of a recipient.
  await db.schema
    .createIndex("push_endpoints_one_active")
    .on("push_endpoints")
    .column("account_id")
    .unique()
    .where(sql.ref("active"), "=", 1)
    .execute();

  await db.schema
    .createTable("interconnects")
    .addColumn("account_id", text, (col) => col.primaryKey().references("accounts.id"))
    .addColumn("network", text, (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("webhooks")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("account_id", text, account)
    .addColumn("url", text, (col) => col.notNull())
    .addColumn("secret", text, (col) => col.notNull())
    .addColumn("events", text, (col) => col.notNull())
    .addColumn("active", "integer", (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .execute();
  await db.schema.createIndex("webhooks_account").on("webhooks").columns(["account_id", "id"]).execute();

  // The log outlives nothing it needs: a webhook's calls go with it (delete cascades).
  await db.schema
    .createTable("webhook_calls")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("webhook_id", text, (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
    .addColumn("account_id", text, (col) => col.notNull())
    .addColumn("notification_id", text, (col) => col.notNull())
    .addColumn("type", text, (col) => col.notNull())
    .addColumn("body", text, (col) => col.notNull())
    .addColumn("state", text, (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("last_status", "integer")
    .addColumn("last_error", text)
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("updated_at", text, (col) => col.notNull())
    .addUniqueConstraint("webhook_calls_once", ["notification_id", "webhook_id"])
    .execute();
  await db.schema
    .createIndex("webhook_calls_webhook")
    .on("webhook_calls")
    .columns(["webhook_id", "id"])
    .execute();

  await db.schema
    .createTable("notification_emails")
    .addColumn("account_id", text, (col) => col.primaryKey().references("accounts.id"))
    .addColumn("address", text, (col) => col.notNull())
    .addColumn("events", text, (col) => col.notNull())
    .addColumn("updated_at", text, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["notification_emails", "webhook_calls", "webhooks", "interconnects", "push_endpoints"])
    await db.schema.dropTable(table).execute();
}
