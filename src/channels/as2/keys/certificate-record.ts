import { createHash, X509Certificate } from "node:crypto";
import { newId } from "../../../kernel/index.js";
import type { As2CertificateRecord } from "../../../storage/ports/index.js";

/** A certificate record for these DER bytes: subject, serial, validity and fingerprint read from it. */
export function certificateRecord(
  der: Uint8Array,
  owner: string,
  usage: As2CertificateRecord["usage"],
  privateKeyPem: string | null,
  now: Date,
): As2CertificateRecord {
  const x509 = new X509Certificate(der);
  return {
    id: newId("crt_", now.getTime()),
    owner,
    usage,
    der,
    privateKeyPem,
    subject: x509.subject.replaceAll("\n", ", "),
    serial: x509.serialNumber.toLowerCase(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    sha256: createHash("sha256").update(der).digest("hex"),
    createdAt: now.toISOString(),
    expiryWarnedAt: null,
  };
}

/** PEM of a DER certificate. */
export function certificatePem(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`;
}
