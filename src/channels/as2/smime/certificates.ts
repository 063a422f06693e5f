import { createPublicKey, type KeyObject } from "node:crypto";
import * as pkijs from "pkijs";
import { OpenVanError } from "../../../kernel/index.js";

/** An X.509 certificate, parsed once: its DER and the pkijs view of it. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly cert: pkijs.Certificate;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    return { der, cert: pkijs.Certificate.fromBER(der) };
  } catch (error) {
    throw new OpenVanError(
      "AS2_CERTIFICATE_INVALID",
      "the bytes are not a DER X.509 certificate",
      {},
      { cause: error },
    );
  }
}

/** The certificate's public key as a Node key. */
export function publicKeyOf(parsed: ParsedCertificate): KeyObject {
  const spki = parsed.cert.subjectPublicKeyInfo.toSchema().toBER(false);
  return createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
}

/** Whether the certificate is the one an IssuerAndSerialNumber names (issuer DER and serial bytes equal). */
export function isIssuerAndSerial(parsed: ParsedCertificate, id: pkijs.IssuerAndSerialNumber): boolean {
  return (
    sameBytes(parsed.cert.issuer.toSchema().toBER(false), id.issuer.toSchema().toBER(false)) &&
    sameBytes(parsed.cert.serialNumber.valueBlock.valueHexView, id.serialNumber.valueBlock.valueHexView)
  );
}

/** Whether the certificate's subject key identifier extension holds these bytes. */
export function hasSubjectKeyId(parsed: ParsedCertificate, keyId: Uint8Array): boolean {
  const ext = parsed.cert.extensions?.find((e) => e.extnID === "2.5.29.14");
  if (ext === undefined) return false;
  const parsedValue = ext.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  const value = parsedValue?.valueBlock?.valueHexView;
  return value !== undefined && sameBytes(value, keyId);
}

export function issuerAndSerialOf(parsed: ParsedCertificate): pkijs.IssuerAndSerialNumber {
  return new pkijs.IssuerAndSerialNumber({
    issuer: parsed.cert.issuer,
    serialNumber: parsed.cert.serialNumber,
  });
}

export function sameBytes(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(
    Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)),
  );
}
