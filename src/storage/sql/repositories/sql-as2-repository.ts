import type { Kysely, Selectable } from "kysely";
import { OpenVanError } from "../../../kernel/index.js";
import type {
  As2CertificateRecord,
  As2MessageRecord,
  As2ProfileRecord,
  As2Repository,
} from "../../ports/index.js";
import type { As2CertificatesTable, As2MessagesTable, As2ProfilesTable } from "../as2-tables.js";
import type { Database } from "../schema.js";

export function sqlAs2Repository(db: Kysely<Database>): As2Repository {
  return {
    async insertCertificate(c) {
      await db.insertInto("as2_certificates").values(certificateRow(c)).execute();
    },
    async listCertificates(owner) {
      const rows = await db
        .selectFrom("as2_certificates")
        .selectAll()
        .where("owner", "=", owner)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(certificateFromRow);
    },
    async deleteCertificate(id) {
      const result = await db.deleteFrom("as2_certificates").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listExpiring(before) {
      const rows = await db
        .selectFrom("as2_certificates")
        .selectAll()
        .where("not_after", "<", before)
        .where("expiry_warned_at", "is", null)
        .orderBy("not_after")
        .execute();
      return rows.map(certificateFromRow);
    },
    async markExpiryWarned(id, at) {
      const result = await db
        .updateTable("as2_certificates")
        .set({ expiry_warned_at: at })
        .where("id", "=", id)
        .where("expiry_warned_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async insertProfile(p) {
      // ON CONFLICT … DO NOTHING rather than a caught violation, which would spoil a PostgreSQL transaction.
      const inserted = await db
        .insertInto("as2_profiles")
        .values(profileRow(p))
        .onConflict((oc) => oc.column("as2_id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted === undefined) {
        throw new OpenVanError("AS2_ID_TAKEN", `the AS2 id "${p.as2Id}" already has a profile`, {
          as2Id: p.as2Id,
        });
      }
    },
    async updateProfile(p) {
      const { id: _id, account_id: _account, created_at: _created, ...changes } = profileRow(p);
      await db.updateTable("as2_profiles").set(changes).where("id", "=", p.id).execute();
    },
    async getProfile(id) {
      const row = await db.selectFrom("as2_profiles").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : profileFromRow(row);
    },
    async findProfileByAs2Id(as2Id) {
      const row = await db
        .selectFrom("as2_profiles")
        .selectAll()
        .where("as2_id", "=", as2Id)
        .executeTakeFirst();
      return row === undefined ? null : profileFromRow(row);
    },
    async listProfiles(accountId) {
      let query = db.selectFrom("as2_profiles").selectAll();
      if (accountId !== null) query = query.where("account_id", "=", accountId);
      const rows = await query.orderBy("created_at").orderBy("id").execute();
      return rows.map(profileFromRow);
    },
    async deleteProfile(id) {
      await db.deleteFrom("as2_certificates").where("owner", "=", id).execute();
      const result = await db.deleteFrom("as2_profiles").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async insertMessage(m) {
      const inserted = await db
        .insertInto("as2_messages")
        .values({
          id: m.id,
          direction: m.direction,
          profile_id: m.profileId,
          message_id: m.messageId,
          openvan_id: m.openvanId,
          mic: m.mic,
          disposition: m.disposition,
          mdn_headers: m.mdnHeaders,
          mdn_body: m.mdnBody,
          mdn_url: m.mdnUrl,
          created_at: m.createdAt,
          mdn_at: m.mdnAt,
        })
        .onConflict((oc) => oc.columns(["direction", "profile_id", "message_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async findMessage(direction, profileId, messageId) {
      const row = await db
        .selectFrom("as2_messages")
        .selectAll()
        .where("direction", "=", direction)
        .where("profile_id", "=", profileId)
        .where("message_id", "=", messageId)
        .executeTakeFirst();
      return row === undefined ? null : messageFromRow(row);
    },
    async getMessage(id) {
      const row = await db.selectFrom("as2_messages").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : messageFromRow(row);
    },
    async setMdn(id, mdn) {
      await db
        .updateTable("as2_messages")
        .set({
          disposition: mdn.disposition,
          mdn_headers: mdn.mdnHeaders,
          mdn_body: mdn.mdnBody,
          mdn_at: mdn.mdnAt,
        })
        .where("id", "=", id)
        .execute();
    },
  };
}

function certificateRow(c: As2CertificateRecord): As2CertificatesTable {
  return {
    id: c.id,
    owner: c.owner,
    usage: c.usage,
    der: c.der,
    private_key_pem: c.privateKeyPem,
    subject: c.subject,
    serial: c.serial,
    not_before: c.notBefore,
    not_after: c.notAfter,
    sha256: c.sha256,
    created_at: c.createdAt,
    expiry_warned_at: c.expiryWarnedAt,
  };
}

function certificateFromRow(r: Selectable<As2CertificatesTable>): As2CertificateRecord {
  return {
    id: r.id,
    owner: r.owner,
    usage: r.usage as As2CertificateRecord["usage"],
    der: new Uint8Array(r.der),
    privateKeyPem: r.private_key_pem,
    subject: r.subject,
    serial: r.serial,
    notBefore: r.not_before,
    notAfter: r.not_after,
    sha256: r.sha256,
    createdAt: r.created_at,
    expiryWarnedAt: r.expiry_warned_at,
  };
}

function profileRow(p: As2ProfileRecord): As2ProfilesTable {
  return {
    id: p.id,
    account_id: p.accountId,
    as2_id: p.as2Id,
    url: p.url,
    legacy: p.legacy ? 1 : 0,
    allow_rsa_pkcs1: p.allowRsaPkcs1 ? 1 : 0,
    require_signed: p.requireSigned ? 1 : 0,
    require_encrypted: p.requireEncrypted ? 1 : 0,
    sign_digest: p.signDigest,
    cipher: p.cipher,
    key_transport: p.keyTransport,
    compress: p.compress ? 1 : 0,
    mdn: p.mdn,
    mdn_signed: p.mdnSigned ? 1 : 0,
    created_at: p.createdAt,
  };
}

function profileFromRow(r: Selectable<As2ProfilesTable>): As2ProfileRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    as2Id: r.as2_id,
    url: r.url,
    legacy: Number(r.legacy) === 1,
    allowRsaPkcs1: Number(r.allow_rsa_pkcs1) === 1,
    requireSigned: Number(r.require_signed) === 1,
    requireEncrypted: Number(r.require_encrypted) === 1,
    signDigest: r.sign_digest,
    cipher: r.cipher,
    keyTransport: r.key_transport,
    compress: Number(r.compress) === 1,
    mdn: r.mdn as As2ProfileRecord["mdn"],
    mdnSigned: Number(r.mdn_signed) === 1,
    createdAt: r.created_at,
  };
}

function messageFromRow(r: Selectable<As2MessagesTable>): As2MessageRecord {
  return {
    id: r.id,
    direction: r.direction as As2MessageRecord["direction"],
    profileId: r.profile_id,
    messageId: r.message_id,
    openvanId: r.openvan_id,
    mic: r.mic,
    disposition: r.disposition,
    mdnHeaders: r.mdn_headers,
    mdnBody: r.mdn_body === null ? null : new Uint8Array(r.mdn_body),
    mdnUrl: r.mdn_url,
    createdAt: r.created_at,
    mdnAt: r.mdn_at,
  };
}
