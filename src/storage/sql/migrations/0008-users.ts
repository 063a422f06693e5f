import type { Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/** People who sign in to an account with an e-mail address and a password, and their sessions. */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  await db.schema
    .createTable("users")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("account_id", text, (col) => col.notNull().references("accounts.id"))
    .addColumn("email", text, (col) => col.notNull())
    .addColumn("display_name", text, (col) => col.notNull())
    .addColumn("role", text, (col) => col.notNull())
    .addColumn("scope", text, (col) => col.notNull())
    .addColumn("password_hash", text, (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("password_changed_at", text, (col) => col.notNull())
    .addColumn("disabled_at", text)
    .addUniqueConstraint("users_email_unique", ["email"])
    .execute();
  await db.schema.createIndex("users_account").on("users").columns(["account_id", "id"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("user_id", text, (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("prefix", text, (col) => col.notNull())
    .addColumn("secret_hash", text, (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("expires_at", text, (col) => col.notNull())
    .addUniqueConstraint("sessions_prefix_unique", ["prefix"])
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expiry").on("sessions").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sessions").execute();
  await db.schema.dropTable("users").execute();
}
