import { type KeyObject, X509Certificate } from "node:crypto";
import { OpenVanError } from "../../../kernel/index.js";
import { readPkcs12 } from "./read-pkcs12.js";

/** What an upload holds: its certificates (DER) and, from a PKCS#12 file only, the private key of the first. */
export interface CertificateUpload {
  readonly certificates: Uint8Array[];
  readonly privateKey: KeyObject | null;
}

/**
 * The certificates in an upload: PEM (one or more CERTIFICATE blocks), one DER certificate, or a PKCS#12
 * (.p12/.pfx) file opened with `password` (its private key is returned too; the caller decides whether to keep it).
 */
export function readCertificateUpload(bytes: Uint8Array, password: string | null = null): CertificateUpload {
  if (looksLikePkcs12(bytes)) {
    const read = readPkcs12(bytes, password);
    return { certificates: read.certificates.map(checked), privateKey: read.privateKey };
  }
  return { certificates: readCertificates(bytes), privateKey: null };
}

/** The certificates in PEM (one or more CERTIFICATE blocks) or one DER certificate. */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString("latin1");
  if (text.includes("-----BEGIN")) {
    const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
    if (blocks.length === 0) {
      throw new OpenVanError("AS2_CERTIFICATE_INVALID", "the PEM holds no CERTIFICATE block");
    }
    return blocks.map((m) => checked(Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64")));
  }
  if (looksLikePkcs12(bytes)) return readPkcs12(bytes, null).certificates.map(checked);
  return [checked(bytes)];
}

function checked(der: Uint8Array): Uint8Array {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (error) {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      "the bytes are not an X.509 certificate (PEM or DER)",
      {},
      { cause: error },
    );
  }
  const type = x509.publicKey.asymmetricKeyType;
  const curve = x509.publicKey.asymmetricKeyDetails?.namedCurve;
  if (type === "ec" && (curve === "prime256v1" || curve === "secp384r1" || curve === "secp521r1")) {
    return new Uint8Array(der); // a partner's ECDSA signing certificate: verify only (usage "sign")
  }
  if (type !== "rsa") {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      `the certificate ${x509.subject} has a ${x509.publicKey.asymmetricKeyType ?? "unknown"} key; AS2 in OpenVAN uses RSA (and EC P-256/384/521 to verify a partner's signatures)`,
    );
  }
  return new Uint8Array(der);
}

/** PFX: SEQUENCE { INTEGER 3, ContentInfo … } — version 3 right after the outer header. */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  const lengthBytes = (bytes[1] ?? 0) & 0x80 ? (bytes[1] ?? 0) & 0x7f : 0;
  const at = 2 + lengthBytes;
  return bytes[at] === 0x02 && bytes[at + 1] === 0x01 && bytes[at + 2] === 0x03;
}
