import { X509Certificate } from "node:crypto";
import { newId, OpenVanError } from "../../../kernel/index.js";
import { checkOutboundUrl, type NetworkContext, recordEvent } from "../../../network/index.js";
import type { As2CertificateRecord, As2ProfileRecord } from "../../../storage/ports/index.js";
import { certificateRecord } from "../keys/certificate-record.js";
import { readCertificateUpload } from "../keys/read-certificates.js";
import { type ParsedCertificate, parseCertificate } from "../smime/certificates.js";
import { allowedAlgorithms, type SecurityPolicy } from "../smime/security-policy.js";
import { type As2ProfileInput, profileDefaults, profileFields } from "./as2-profile-input.js";

/**
 * Creates an account's AS2 profile (its AS2 id, how its messages must be secured, how to send to it). A URL
 * that is an address the network does not connect to (a non-public IP, localhost) is refused here.
 */
export async function createAs2Profile(
  ctx: NetworkContext,
  accountId: string,
  input: As2ProfileInput,
): Promise<As2ProfileRecord> {
  if ((await ctx.store.accounts.get(accountId)) === null) {
    throw new OpenVanError("NOT_FOUND", `no account ${accountId}`);
  }
  const now = ctx.clock.now();
  const profile: As2ProfileRecord = {
    id: newId("as2p_", now.getTime()),
    accountId,
    createdAt: now.toISOString(),
    ...profileFields(input, profileDefaults),
  };
  if (profile.url !== null) checkOutboundUrl(ctx.settings.outboundAllow, profile.url, "url");
  await ctx.store.transaction(async (tx) => {
    await tx.as2.insertProfile(profile);
    await recordEvent(
      tx,
      "as2.profile.created",
      profile.createdAt,
      { accountId },
      { profileId: profile.id, as2Id: profile.as2Id },
    );
  });
  return profile;
}

export async function updateAs2Profile(
  ctx: NetworkContext,
  profileId: string,
  input: Partial<As2ProfileInput>,
): Promise<As2ProfileRecord> {
  const current = await requireProfile(ctx, profileId);
  const updated: As2ProfileRecord = { ...current, ...profileFields(input, current) };
  if (input.url !== undefined && updated.url !== null)
    checkOutboundUrl(ctx.settings.outboundAllow, updated.url, "url");
  if (updated.as2Id !== current.as2Id) {
    const other = await ctx.store.as2.findProfileByAs2Id(updated.as2Id);
    if (other !== null)
      throw new OpenVanError("AS2_ID_TAKEN", `the AS2 id "${updated.as2Id}" already has a profile`);
  }
  await ctx.store.as2.updateProfile(updated);
  return updated;
}

export async function requireProfile(ctx: NetworkContext, profileId: string): Promise<As2ProfileRecord> {
  const profile = await ctx.store.as2.getProfile(profileId);
  if (profile === null) throw new OpenVanError("NOT_FOUND", `no AS2 profile ${profileId}`);
  return profile;
}

/**
 * Adds a partner's certificate(s) (PEM, DER, or PKCS#12 opened with `password`) to its profile; `usage` says
 * whether it signs, encrypts or both. From a PKCS#12 file with a private key only the key's own certificate is
 * added, and the key is not kept: the network never signs or decrypts as a partner.
 */
export async function addProfileCertificates(
  ctx: NetworkContext,
  profileId: string,
  bytes: Uint8Array,
  usage: As2CertificateRecord["usage"],
  password: string | null = null,
): Promise<As2CertificateRecord[]> {
  const profile = await requireProfile(ctx, profileId);
  const now = ctx.clock.now();
  const upload = readCertificateUpload(bytes, password);
  const certificates = upload.privateKey === null ? upload.certificates : upload.certificates.slice(0, 1);
  const records = certificates.map((der) => {
    if (usage !== "sign" && new X509Certificate(der).publicKey.asymmetricKeyType === "ec") {
      throw new OpenVanError(
        "AS2_CERTIFICATE_INVALID",
        `the certificate ${new X509Certificate(der).subject.replaceAll("\n", ", ")} has an EC key: OpenVAN verifies ECDSA signatures with it (usage "sign") but encrypts to RSA certificates only`,
      );
    }
    return certificateRecord(der, profile.id, usage, null, now);
  });
  await keepProfileCertificates(ctx, profile, records, "imported");
  return records;
}

/** Stores certificates of a profile, each with its `as2.certificate.added` event, in one transaction. */
export async function keepProfileCertificates(
  ctx: NetworkContext,
  profile: As2ProfileRecord,
  records: readonly As2CertificateRecord[],
  how: "imported" | "generated",
): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    for (const record of records) {
      await tx.as2.insertCertificate(record);
      await recordEvent(
        tx,
        "as2.certificate.added",
        record.createdAt,
        { accountId: profile.accountId },
        {
          profileId: profile.id,
          how,
          certificateId: record.id,
          subject: record.subject,
          notAfter: record.notAfter,
        },
      );
    }
  });
}

/** A partner as the AS2 channel uses it: its profile, what it must satisfy, the certificate to encrypt to. */
export interface Partner {
  readonly profile: As2ProfileRecord;
  readonly policy: SecurityPolicy;
  /** The newest valid encryption certificate, or null when the profile has none. */
  readonly encryptTo: ParsedCertificate | null;
}

export async function partnerOf(ctx: NetworkContext, profile: As2ProfileRecord): Promise<Partner> {
  const at = ctx.clock.now().toISOString();
  const records = await ctx.store.as2.listCertificates(profile.id);
  const valid = records.filter((r) => r.notBefore <= at && at < r.notAfter);
  const signers = valid.filter((r) => r.usage !== "encrypt").map((r) => parseCertificate(r.der));
  const encrypt = valid.filter((r) => r.usage !== "sign").at(-1);
  return {
    profile,
    policy: {
      signers,
      requireSigned: profile.requireSigned,
      requireEncrypted: profile.requireEncrypted,
      ...allowedAlgorithms(profile.legacy, profile.allowRsaPkcs1),
    },
    encryptTo: encrypt === undefined ? null : parseCertificate(encrypt.der),
  };
}
