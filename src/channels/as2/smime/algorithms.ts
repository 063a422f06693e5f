/**
 * The algorithms of AS2's S/MIME, by the names partners write (`sha-256`, `aes-256-cbc`) and by their CMS object
 * identifiers. One table each, so that a name is parsed once, where it enters.
 */

export type DigestName = "sha1" | "sha256" | "sha384" | "sha512";
export type CipherName =
  | "aes-128-cbc"
  | "aes-192-cbc"
  | "aes-256-cbc"
  | "aes-128-gcm"
  | "aes-256-gcm"
  | "des-ede3-cbc";
export type KeyTransport = "rsa-oaep" | "rsa-oaep-sha256" | "rsa-pkcs1";

export interface DigestInfo {
  readonly name: DigestName;
  readonly oid: string;
  /** As written in `micalg` and `Received-Content-MIC` (RFC 5751 names). */
  readonly micalg: string;
}

export const digests: Readonly<Record<DigestName, DigestInfo>> = {
  sha1: { name: "sha1", oid: "1.3.14.3.2.26", micalg: "sha1" },
  sha256: { name: "sha256", oid: "2.16.840.1.101.3.4.2.1", micalg: "sha-256" },
  sha384: { name: "sha384", oid: "2.16.840.1.101.3.4.2.2", micalg: "sha-384" },
  sha512: { name: "sha512", oid: "2.16.840.1.101.3.4.2.3", micalg: "sha-512" },
};

export interface CipherInfo {
  readonly name: CipherName;
  readonly oid: string;
  /** Node's name for the cipher. */
  readonly node: string;
  readonly keyBytes: number;
  /** CBC: the IV is the parameter; GCM: a 12-byte nonce and a 16-byte tag (AuthEnvelopedData, RFC 5084). */
  readonly mode: "cbc" | "gcm";
  readonly ivBytes: number;
}

export const ciphers: Readonly<Record<CipherName, CipherInfo>> = {
  "aes-128-cbc": cbc("aes-128-cbc", "2.16.840.1.101.3.4.1.2", 16),
  "aes-192-cbc": cbc("aes-192-cbc", "2.16.840.1.101.3.4.1.22", 24),
  "aes-256-cbc": cbc("aes-256-cbc", "2.16.840.1.101.3.4.1.42", 32),
  "aes-128-gcm": gcm("aes-128-gcm", "2.16.840.1.101.3.4.1.6", 16),
  "aes-256-gcm": gcm("aes-256-gcm", "2.16.840.1.101.3.4.1.46", 32),
  "des-ede3-cbc": {
    name: "des-ede3-cbc",
    oid: "1.2.840.113549.3.7",
    node: "des-ede3-cbc",
    keyBytes: 24,
    mode: "cbc",
    ivBytes: 8,
  },
};

export const oids = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  envelopedData: "1.2.840.113549.1.7.3",
  authEnvelopedData: "1.2.840.113549.1.9.16.1.23",
  compressedData: "1.2.840.113549.1.9.16.1.9",
  zlib: "1.2.840.113549.1.9.16.3.8",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsaesOaep: "1.2.840.113549.1.1.7",
  mgf1: "1.2.840.113549.1.1.8",
} as const;

/** Signature algorithm identifiers a SignerInfo may carry for RSA PKCS#1 v1.5, with the digest they imply. */
export const rsaSignatureOids: Readonly<Record<string, DigestName | null>> = {
  [oids.rsaEncryption]: null,
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
};

/** ECDSA signature algorithms (RFC 5753/5758), for partners whose signing certificate is EC (verify only). */
export const ecSignatureOids: Readonly<Record<string, DigestName | null>> = {
  "1.2.840.10045.2.1": null,
  "1.2.840.10045.4.1": "sha1",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
};

/** `sha-256`, `SHA256`, `sha256` → `sha256`; null when it names no digest we know. */
export function parseDigestName(text: string): DigestName | null {
  const key = text.trim().toLowerCase().replaceAll("-", "");
  return key === "sha1" || key === "sha256" || key === "sha384" || key === "sha512" ? key : null;
}

export function digestByOid(oid: string): DigestInfo | null {
  return Object.values(digests).find((d) => d.oid === oid) ?? null;
}

export function cipherByOid(oid: string): CipherInfo | null {
  return Object.values(ciphers).find((c) => c.oid === oid) ?? null;
}

export function isCipherName(text: string): text is CipherName {
  return Object.hasOwn(ciphers, text);
}

function cbc(name: CipherName, oid: string, keyBytes: number): CipherInfo {
  return { name, oid, node: name, keyBytes, mode: "cbc", ivBytes: 16 };
}

function gcm(name: CipherName, oid: string, keyBytes: number): CipherInfo {
  return { name, oid, node: name, keyBytes, mode: "gcm", ivBytes: 12 };
}
