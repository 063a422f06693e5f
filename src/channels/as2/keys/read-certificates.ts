import { X509Certificate } from "node:crypto";
import { OpenVanError } from "../../../kernel/index.js";

/**
 * The certificates in an upload: PEM (one or more CERTIFICATE blocks) or one DER certificate. PKCS#12 is
 * refused with a hint: its keys are this network's business only for its own key pair, which it generates.
 */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString("latin1");
  if (text.includes("-----BEGIN")) {
    const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
    if (blocks.length === 0) {
      throw new OpenVanError("AS2_CERTIFICATE_INVALID", "the PEM holds no CERTIFICATE block");
    }
    return blocks.map((m) => checked(Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64")));
  }
  if (looksLikePkcs12(bytes)) {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      "this looks like PKCS#12; give the certificate as PEM or DER (openssl pkcs12 -in FILE -nokeys -out cert.pem)",
    );
  }
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
  if (x509.publicKey.asymmetricKeyType !== "rsa") {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      `the certificate ${x509.subject} has a ${x509.publicKey.asymmetricKeyType ?? "unknown"} key; AS2 in OpenVAN uses RSA`,
    );
  }
  return new Uint8Array(der);
}

/** PFX: SEQUENCE { INTEGER 3, ContentInfo … } — version 3 right after the outer header. */
function looksLikePkcs12(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  const lengthBytes = (bytes[1] ?? 0) & 0x80 ? (bytes[1] ?? 0) & 0x7f : 0;
  const at = 2 + lengthBytes;
  return bytes[at] === 0x02 && bytes[at + 1] === 0x01 && bytes[at + 2] === 0x03;
}
