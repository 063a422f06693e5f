import type { As2CertificateRecord, As2ProfileRecord } from "../../../storage/ports/index.js";
import { certificatePem } from "../keys/certificate-record.js";

export function profileView(p: As2ProfileRecord): Record<string, unknown> {
  return { ...p };
}

export function certificateView(c: As2CertificateRecord): Record<string, unknown> {
  return {
    id: c.id,
    usage: c.usage,
    subject: c.subject,
    serial: c.serial,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    sha256: c.sha256,
    pem: certificatePem(c.der),
  };
}

/** A profile's settings, as the profile reads and as a POST/PATCH writes them (but `mdn`). */
const profileSettingsProperties = {
  legacy: { type: "boolean" },
  allowRsaPkcs1: { type: "boolean" },
  requireSigned: { type: "boolean" },
  requireEncrypted: { type: "boolean" },
  signDigest: { type: ["string", "null"] },
  cipher: { type: ["string", "null"] },
  keyTransport: { type: "string" },
  compress: { type: "boolean" },
} as const;

export const profileSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    as2Id: { type: "string" },
    url: { type: ["string", "null"] },
    ...profileSettingsProperties,
    mdn: { type: "string" },
    mdnSigned: { type: "boolean" },
    createdAt: { type: "string" },
  },
} as const;

export const certificateSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    usage: { type: "string" },
    subject: { type: "string" },
    serial: { type: "string" },
    notBefore: { type: "string" },
    notAfter: { type: "string" },
    sha256: { type: "string" },
    pem: { type: "string" },
  },
} as const;

/** The body of POST/PATCH of a profile. */
export const profileBodySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    as2Id: { type: "string", minLength: 1, maxLength: 128 },
    url: { type: ["string", "null"], maxLength: 2000 },
    ...profileSettingsProperties,
    mdn: { type: "string", enum: ["sync", "async", "none"] },
    mdnSigned: { type: "boolean" },
  },
} as const;
