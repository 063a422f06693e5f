import type { Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/** AS2: certificates (the network's and partners'), partner profiles, and messages by Message-ID with their MDNs. */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  await db.schema
    .createTable("as2_certificates")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("owner", text, (col) => col.notNull())
    .addColumn("usage", text, (col) => col.notNull())
    .addColumn("der", flavour.bytesType, (col) => col.notNull())
    .addColumn("private_key_pem", text)
    .addColumn("subject", text, (col) => col.notNull())
    .addColumn("serial", text, (col) => col.notNull())
    .addColumn("not_before", text, (col) => col.notNull())
    .addColumn("not_after", text, (col) => col.notNull())
    .addColumn("sha256", text, (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("expiry_warned_at", text)
    .execute();
  await db.schema.createIndex("as2_certificates_owner").on("as2_certificates").column("owner").execute();
  await db.schema
    .createTable("as2_profiles")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("account_id", text, (col) => col.notNull().references("accounts.id"))
    .addColumn("as2_id", text, (col) => col.notNull())
    .addColumn("url", text)
    .addColumn("legacy", "integer", (col) => col.notNull())
    .addColumn("allow_rsa_pkcs1", "integer", (col) => col.notNull())
    .addColumn("require_signed", "integer", (col) => col.notNull())
    .addColumn("require_encrypted", "integer", (col) => col.notNull())
    .addColumn("sign_digest", text)
    .addColumn("cipher", text)
    .addColumn("key_transport", text, (col) => col.notNull())
    .addColumn("compress", "integer", (col) => col.notNull())
    .addColumn("mdn", text, (col) => col.notNull())
    .addColumn("mdn_signed", "integer", (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .addUniqueConstraint("as2_profiles_as2_id_unique", ["as2_id"])
    .execute();
  await db.schema.createIndex("as2_profiles_account").on("as2_profiles").column("account_id").execute();
  await db.schema
    .createTable("as2_messages")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("direction", text, (col) => col.notNull())
    .addColumn("profile_id", text, (col) => col.notNull())
    .addColumn("message_id", text, (col) => col.notNull())
    .addColumn("openvan_id", text)
    .addColumn("mic", text)
    .addColumn("disposition", text)
    .addColumn("mdn_headers", text)
    .addColumn("mdn_body", flavour.bytesType)
    .addColumn("mdn_url", text)
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("mdn_at", text)
    .addUniqueConstraint("as2_messages_message_id_unique", ["direction", "profile_id", "message_id"])
    .execute();
  await db.schema.createIndex("as2_messages_openvan").on("as2_messages").column("openvan_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("as2_messages").execute();
  await db.schema.dropTable("as2_profiles").execute();
  await db.schema.dropTable("as2_certificates").execute();
}
