import type { Kysely, Selectable } from "kysely";
import { OpenVanError } from "../../../kernel/index.js";
import type {
  SftpLoginRecord,
  SftpLoginRepository,
  SshHostKeyRecord,
  SshKeyRecord,
} from "../../ports/index.js";
import type { Database, SftpLoginsTable, SshHostKeysTable, SshKeysTable } from "../schema.js";
import { touchedAny } from "./touched-any.js";

export function sqlSftpLoginRepository(db: Kysely<Database>): SftpLoginRepository {
  return {
    async upsert(login) {
      // Looked up first, so that the usual case of a taken name never fails a statement (on PostgreSQL that
      // would spoil the caller's transaction); two accounts racing for one name meet the unique constraint.
      const holder = await db
        .selectFrom("sftp_logins")
        .select("account_id")
        .where("username", "=", login.username)
        .executeTakeFirst();
      if (holder !== undefined && holder.account_id !== login.accountId) throw usernameTaken(login.username);
      await db
        .insertInto("sftp_logins")
        .values({
          account_id: login.accountId,
          username: login.username,
          password_hash: login.passwordHash,
          created_at: login.createdAt,
          updated_at: login.updatedAt,
        })
        .onConflict((oc) =>
          oc.column("account_id").doUpdateSet({
            username: login.username,
            password_hash: login.passwordHash,
            updated_at: login.updatedAt,
          }),
        )
        .execute()
        .catch((error: unknown) => {
          throw uniqueViolation(error) ? usernameTaken(login.username) : error;
        });
    },
    async getByAccount(accountId) {
      const row = await db
        .selectFrom("sftp_logins")
        .selectAll()
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return row === undefined ? null : loginFromRow(row);
    },
    async findByUsername(username) {
      const row = await db
        .selectFrom("sftp_logins")
        .selectAll()
        .where("username", "=", username)
        .executeTakeFirst();
      return row === undefined ? null : loginFromRow(row);
    },
    async insertKey(key) {
      const inserted = await db
        .insertInto("ssh_keys")
        .values({
          id: key.id,
          account_id: key.accountId,
          algorithm: key.algorithm,
          bits: key.bits,
          fingerprint: key.fingerprint,
          public_key: key.publicKey,
          comment: key.comment,
          created_at: key.createdAt,
        })
        .onConflict((oc) => oc.columns(["account_id", "fingerprint"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted === undefined) {
        throw new OpenVanError("SSH_KEY_DUPLICATE", `the account has the key ${key.fingerprint} already`, {
          fingerprint: key.fingerprint,
        });
      }
    },
    async listKeys(accountId) {
      const rows = await db
        .selectFrom("ssh_keys")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("id")
        .execute();
      return rows.map(keyFromRow);
    },
    async deleteKey(accountId, id) {
      const result = await db
        .deleteFrom("ssh_keys")
        .where("id", "=", id)
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return touchedAny(result);
    },
    async storedHostKey(algorithm) {
      const row = await db
        .selectFrom("ssh_host_keys")
        .selectAll()
        .where("algorithm", "=", algorithm)
        .executeTakeFirst();
      return row === undefined ? null : hostKeyFromRow(row);
    },
    async hostKey(candidate) {
      await db
        .insertInto("ssh_host_keys")
        .values({
          algorithm: candidate.algorithm,
          private_key: candidate.privateKey,
          public_key: candidate.publicKey,
          fingerprint: candidate.fingerprint,
          created_at: candidate.createdAt,
        })
        .onConflict((oc) => oc.column("algorithm").doNothing())
        .execute();
      const row = await db
        .selectFrom("ssh_host_keys")
        .selectAll()
        .where("algorithm", "=", candidate.algorithm)
        .executeTakeFirstOrThrow();
      return hostKeyFromRow(row);
    },
  };
}

function usernameTaken(username: string): OpenVanError {
  return new OpenVanError("SFTP_USERNAME_TAKEN", `the SFTP username ${username} belongs to another account`, {
    username,
  });
}

/** SQLite and PostgreSQL both say "unique" in the message of a unique-constraint violation. */
function uniqueViolation(error: unknown): boolean {
  return error instanceof Error && /unique/i.test(error.message);
}

function loginFromRow(row: Selectable<SftpLoginsTable>): SftpLoginRecord {
  return {
    accountId: row.account_id,
    username: row.username,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function keyFromRow(row: Selectable<SshKeysTable>): SshKeyRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    algorithm: row.algorithm,
    bits: row.bits,
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    comment: row.comment,
    createdAt: row.created_at,
  };
}

function hostKeyFromRow(row: Selectable<SshHostKeysTable>): SshHostKeyRecord {
  return {
    algorithm: row.algorithm,
    privateKey: row.private_key,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    createdAt: row.created_at,
  };
}
