import { createHash, type KeyObject, sign, verify } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OpenVanError } from "../../../kernel/index.js";
import {
  type DigestName,
  digestByOid,
  digests,
  ecSignatureOids,
  oids,
  rsaSignatureOids,
} from "./algorithms.js";
import {
  hasSubjectKeyId,
  isIssuerAndSerial,
  issuerAndSerialOf,
  type ParsedCertificate,
  parseCertificate,
  publicKeyOf,
  sameBytes,
} from "./certificates.js";
import { parseSchema, readContentInfo } from "./content-info.js";

/** Who signs: the certificate that goes into the signature and its RSA private key. */
export interface Signer {
  readonly certificate: ParsedCertificate;
  readonly privateKey: KeyObject;
}

/**
 * A detached CMS SignedData over `content` (RFC 5652): signed attributes content-type, signing-time and
 * message-digest, an RSA PKCS#1 v1.5 signature, the signer's certificate included. DER.
 */
export function signDetached(content: Uint8Array, signer: Signer, digest: DigestName, at: Date): Uint8Array {
  const info = digests[digest];
  const contentDigest = createHash(digest).update(content).digest();
  const attributes = sortedByEncoding([
    new pkijs.Attribute({
      type: oids.contentType,
      values: [new asn1js.ObjectIdentifier({ value: oids.data })],
    }),
    new pkijs.Attribute({ type: oids.signingTime, values: [new asn1js.UTCTime({ valueDate: at })] }),
    new pkijs.Attribute({
      type: oids.messageDigest,
      values: [new asn1js.OctetString({ valueHex: contentDigest })],
    }),
  ]);
  // The signature covers the DER of the attributes as a SET OF, whose elements DER orders by their encoding.
  const toSign = new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER(false);
  const signature = sign(digest, Buffer.from(toSign), signer.privateKey);
  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: info.oid });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: issuerAndSerialOf(signer.certificate),
    digestAlgorithm,
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: oids.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signed = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: info.oid })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oids.data }),
    certificates: [signer.certificate.cert],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: oids.signedData, content: signed.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export interface VerifiedSignature {
  readonly digest: DigestName;
  /** The certificate, among the trusted ones, whose key made the signature. */
  readonly signer: ParsedCertificate;
}

/**
 * Verifies a detached SignedData over `content` against the partner's certificates: the signer must be one of
 * `trusted` (the certificates carried inside the signature are not trusted by themselves), its digest one of
 * `allowedDigests`, the message-digest attribute equal to the content's digest and the signature valid.
 */
export function verifyDetached(
  content: Uint8Array,
  der: Uint8Array,
  trusted: readonly ParsedCertificate[],
  allowedDigests: readonly DigestName[],
): VerifiedSignature {
  const info = readContentInfo(der, oids.signedData, "signature");
  const signed = parseSchema(() => new pkijs.SignedData({ schema: info.content }), "SignedData");
  const signerInfo = signed.signerInfos[0];
  if (signerInfo === undefined) throw new OpenVanError("AS2_CMS_INVALID", "the signature has no SignerInfo");
  const digest = digestByOid(signerInfo.digestAlgorithm.algorithmId);
  if (digest === null) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the signature uses digest ${signerInfo.digestAlgorithm.algorithmId}, which OpenVAN does not support`,
    );
  }
  if (!allowedDigests.includes(digest.name)) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the signature uses ${digest.micalg}; this partner's profile allows ${allowedDigests.join(", ")}`,
      { digest: digest.name },
    );
  }
  const signer = findSigner(signerInfo, trusted);
  const signerKey = publicKeyOf(signer);
  // RSA PKCS#1 v1.5, or ECDSA when the partner's (trusted) signing certificate is EC.
  const ec = signerKey.asymmetricKeyType === "ec";
  const implied = (ec ? ecSignatureOids : rsaSignatureOids)[signerInfo.signatureAlgorithm.algorithmId];
  if (implied === undefined || (implied !== null && implied !== digest.name)) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the signature algorithm ${signerInfo.signatureAlgorithm.algorithmId} is not ${ec ? "ECDSA" : "RSA PKCS#1 v1.5"} with ${digest.micalg}`,
    );
  }
  const contentDigest = createHash(digest.name).update(content).digest();
  let data: Uint8Array = content;
  const attrs = signerInfo.signedAttrs;
  if (attrs !== undefined) {
    const md = attrs.attributes.find((a) => a.type === oids.messageDigest)?.values[0];
    if (!(md instanceof asn1js.OctetString)) {
      throw new OpenVanError("AS2_CMS_INVALID", "the signed attributes have no message-digest");
    }
    if (!sameBytes(md.valueBlock.valueHexView, contentDigest)) {
      throw new OpenVanError(
        "AS2_SIGNATURE_INVALID",
        `the signed content's ${digest.micalg} digest differs from the one in the signature: the content was changed`,
      );
    }
    data = new Uint8Array(attrs.encodedValue);
  }
  const ok = verify(digest.name, data, signerKey, signerInfo.signature.valueBlock.valueHexView);
  if (!ok) {
    throw new OpenVanError(
      "AS2_SIGNATURE_INVALID",
      `the ${ec ? "ECDSA" : "RSA"} signature does not verify with the signer's certificate`,
    );
  }
  return { digest: digest.name, signer };
}

/** The trusted certificate the SignerInfo names, by issuer+serial or subject key id. */
function findSigner(signerInfo: pkijs.SignerInfo, trusted: readonly ParsedCertificate[]): ParsedCertificate {
  const sid = signerInfo.sid as unknown;
  const match =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? trusted.find((c) => isIssuerAndSerial(c, sid))
      : sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive
        ? trusted.find((c) => hasSubjectKeyId(c, keyIdBytes(sid)))
        : undefined;
  if (match === undefined) {
    throw new OpenVanError(
      "AS2_SIGNER_UNTRUSTED",
      `the message is signed by ${describeSid(sid)}, which is not a certificate of this partner's profile`,
    );
  }
  return match;
}

function keyIdBytes(sid: asn1js.Constructed | asn1js.Primitive): Uint8Array {
  if (sid instanceof asn1js.Primitive) return sid.valueBlock.valueHexView;
  const inner = sid.valueBlock.value[0];
  return inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : new Uint8Array();
}

function describeSid(sid: unknown): string {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const cn = sid.issuer.typesAndValues.find((t) => t.type === "2.5.4.3")?.value.valueBlock.value;
    const serial = Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString("hex");
    return `a certificate of issuer CN=${String(cn ?? "?")} with serial ${serial}`;
  }
  return "a certificate named by its key id";
}

function sortedByEncoding(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => e.a);
}

/** Parses a certificate carried in a SignedData (used to show who signed when it is not trusted). */
export function certificatesIn(der: Uint8Array): ParsedCertificate[] {
  const info = readContentInfo(der, oids.signedData, "signature");
  const signed = parseSchema(() => new pkijs.SignedData({ schema: info.content }), "SignedData");
  return (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => parseCertificate(new Uint8Array(c.toSchema().toBER(false))));
}
