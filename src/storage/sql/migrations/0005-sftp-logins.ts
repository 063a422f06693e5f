import type { Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

/** SFTP logins of accounts (username, optional password hash), their SSH public keys, and the host key. */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;
  await db.schema
    .createTable("sftp_logins")
    .addColumn("account_id", text, (col) => col.primaryKey().references("accounts.id"))
    .addColumn("username", text, (col) => col.notNull())
    .addColumn("password_hash", text)
    .addColumn("created_at", text, (col) => col.notNull())
    .addColumn("updated_at", text, (col) => col.notNull())
    .addUniqueConstraint("sftp_logins_username_unique", ["username"])
    .execute();

  await db.schema
    .createTable("ssh_keys")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("account_id", text, (col) => col.notNull().references("accounts.id"))
    .addColumn("algorithm", text, (col) => col.notNull())
    .addColumn("bits", "integer", (col) => col.notNull())
    .addColumn("fingerprint", text, (col) => col.notNull())
    .addColumn("public_key", text, (col) => col.notNull())
    .addColumn("comment", text, (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .addUniqueConstraint("ssh_keys_account_fingerprint_unique", ["account_id", "fingerprint"])
    .execute();

  // Kept in the database, not in a node's data folder, so that every node of a cluster presents one host key.
  await db.schema
    .createTable("ssh_host_keys")
    .addColumn("algorithm", text, (col) => col.primaryKey())
    .addColumn("private_key", text, (col) => col.notNull())
    .addColumn("public_key", text, (col) => col.notNull())
    .addColumn("fingerprint", text, (col) => col.notNull())
    .addColumn("created_at", text, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("ssh_host_keys").execute();
  await db.schema.dropTable("ssh_keys").execute();
  await db.schema.dropTable("sftp_logins").execute();
}
