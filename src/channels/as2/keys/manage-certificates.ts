import { OpenVanError } from "../../../kernel/index.js";
import { type NetworkContext, recordEvent } from "../../../network/index.js";
import type { As2CertificateRecord } from "../../../storage/ports/index.js";
import type { As2Context } from "../as2-context.js";
import { keepProfileCertificates, requireProfile } from "../profiles/as2-profiles.js";
import { certificateRecord } from "./certificate-record.js";
import { generateKeyPair, type KeyPairOptions, networkOwner } from "./network-keys.js";
import { readCertificateUpload } from "./read-certificates.js";

/** How to generate: RSA bits (2048 or 3072, 4096 too) and validity in days (1 to 3650 * 2). */
export interface GenerateOptions {
  readonly bits?: 2048 | 3072 | 4096;
  readonly days?: number;
}

/**
 * Imports a key pair for the network itself from PKCS#12 (the only upload whose private key OpenVAN keeps: it
 * signs and decrypts as this network). From now on the newest valid pair signs and every pair decrypts; this
 * node reads the pairs again at once, the other nodes of a cluster within seconds (NetworkKeyRing).
 */
export async function importNetworkPkcs12(
  as2: As2Context,
  bytes: Uint8Array,
  password: string | null,
): Promise<As2CertificateRecord> {
  const upload = readCertificateUpload(bytes, password);
  const [der] = upload.certificates;
  if (upload.privateKey === null || der === undefined) {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      "the network's own certificate must come with its private key: give a PKCS#12 file that holds both",
    );
  }
  const details = upload.privateKey.asymmetricKeyDetails;
  if (upload.privateKey.asymmetricKeyType !== "rsa" || (details?.modulusLength ?? 0) < 2048) {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      `the network signs and decrypts with RSA keys of 2048 bits or more; this one is ${upload.privateKey.asymmetricKeyType ?? "unknown"}${details?.modulusLength === undefined ? "" : ` ${details.modulusLength} bits`}`,
    );
  }
  const pem = upload.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const record = certificateRecord(der, networkOwner, "both", pem, as2.ctx.clock.now());
  return keepNetworkPair(as2, record, "imported");
}

/** Generates a new self-signed key pair for the network (a rollover): kept, never exported. */
export async function generateNetworkCertificate(
  as2: As2Context,
  options: GenerateOptions,
): Promise<As2CertificateRecord> {
  const record = await generateKeyPair(as2.as2Id, as2.ctx.clock.now(), keyPairOptions(options, networkOwner));
  return keepNetworkPair(as2, record, "generated");
}

async function keepNetworkPair(
  as2: As2Context,
  record: As2CertificateRecord,
  how: "imported" | "generated",
): Promise<As2CertificateRecord> {
  await as2.ctx.store.transaction(async (tx) => {
    await tx.as2.insertCertificate(record);
    await recordEvent(
      tx,
      "as2.certificate.added",
      record.createdAt,
      { accountId: null },
      { owner: "network", how, certificateId: record.id, subject: record.subject, notAfter: record.notAfter },
    );
  });
  await as2.keys.reread();
  return record;
}

/**
 * Generates a self-signed key pair for a partner profile (for a partner without one of its own): the network
 * keeps the certificate only (it verifies the partner's signatures and encrypts to it); the private key is in
 * the answer, once, for the partner to install, and is not stored.
 */
export async function generateProfileCertificate(
  ctx: NetworkContext,
  profileId: string,
  options: GenerateOptions & { usage?: As2CertificateRecord["usage"] },
): Promise<{ record: As2CertificateRecord; privateKeyPem: string }> {
  const profile = await requireProfile(ctx, profileId);
  const pair = await generateKeyPair(profile.as2Id, ctx.clock.now(), keyPairOptions(options, profile.id));
  const record: As2CertificateRecord = { ...pair, usage: options.usage ?? "both", privateKeyPem: null };
  await keepProfileCertificates(ctx, profile, [record], "generated");
  return { record, privateKeyPem: pair.privateKeyPem ?? "" };
}

function keyPairOptions(options: GenerateOptions, owner: string): KeyPairOptions {
  const bits = options.bits ?? 2048;
  if (![2048, 3072, 4096].includes(bits)) {
    throw new OpenVanError("REQUEST_INVALID", `RSA keys of ${String(bits)} bits: choose 2048, 3072 or 4096`);
  }
  const days = options.days ?? 5 * 365;
  if (!Number.isInteger(days) || days < 1 || days > 7300) {
    throw new OpenVanError("REQUEST_INVALID", "the validity must be 1 to 7300 days");
  }
  return { bits, days, owner };
}
