import {
  constants,
  createCipheriv,
  createDecipheriv,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OpenVanError } from "../../../kernel/index.js";
import {
  type CipherInfo,
  type CipherName,
  cipherByOid,
  ciphers,
  digestByOid,
  digests,
  type KeyTransport,
  oids,
} from "./algorithms.js";
import {
  hasSubjectKeyId,
  isIssuerAndSerial,
  issuerAndSerialOf,
  type ParsedCertificate,
  publicKeyOf,
} from "./certificates.js";
import { parseSchema, readContentInfo } from "./content-info.js";
import { rsaPkcs1DecryptKey } from "./rsa-pkcs1-decrypt.js";

/**
 * Encrypts `content` for one recipient certificate: CMS EnvelopedData (AES-CBC, 3DES) or, for AES-GCM,
 * AuthEnvelopedData (RFC 5083/5084, 16-byte tag), the content key sent by RSA-OAEP or RSA PKCS#1 v1.5. DER.
 */
export function encryptEnveloped(
  content: Uint8Array,
  recipient: ParsedCertificate,
  cipherName: CipherName,
  transport: KeyTransport,
): Uint8Array {
  const cipher = ciphers[cipherName];
  const key = randomBytes(cipher.keyBytes);
  const iv = randomBytes(cipher.ivBytes);
  const recipientInfo = new pkijs.RecipientInfo({
    variant: 1,
    value: new pkijs.KeyTransRecipientInfo({
      version: 0,
      rid: issuerAndSerialOf(recipient),
      keyEncryptionAlgorithm: keyTransportAlgorithm(transport),
      encryptedKey: new asn1js.OctetString({ valueHex: wrapKey(recipient, key, transport) }),
    }),
  });
  if (cipher.mode === "gcm") {
    const gcm = createCipheriv(cipher.node as "aes-256-gcm", key, iv, { authTagLength: 16 });
    const encrypted = Buffer.concat([gcm.update(content), gcm.final()]);
    const params = new asn1js.Sequence({
      value: [new asn1js.OctetString({ valueHex: iv }), new asn1js.Integer({ value: 16 })],
    });
    const authEnveloped = new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 0 }),
        new asn1js.Set({ value: [recipientInfo.toSchema()] }),
        encryptedContentInfo(cipher, params, encrypted).toSchema(),
        new asn1js.OctetString({ valueHex: gcm.getAuthTag() }),
      ],
    });
    return contentInfo(oids.authEnvelopedData, authEnveloped);
  }
  const cbc = createCipheriv(cipher.node, key, iv);
  const encrypted = Buffer.concat([cbc.update(content), cbc.final()]);
  const enveloped = new pkijs.EnvelopedData({
    version: 0,
    recipientInfos: [recipientInfo],
    encryptedContentInfo: encryptedContentInfo(cipher, new asn1js.OctetString({ valueHex: iv }), encrypted),
  });
  return contentInfo(oids.envelopedData, enveloped.toSchema());
}

/** A key this network decrypts with, and the certificate partners encrypt to. */
export interface Decrypter {
  readonly certificate: ParsedCertificate;
  readonly privateKey: KeyObject;
}

/** What a partner's profile allows for encryption. */
export interface DecryptPolicy {
  readonly ciphers: readonly CipherName[];
  readonly keyTransports: readonly KeyTransport[];
}

export interface Decrypted {
  readonly content: Uint8Array;
  readonly cipher: CipherName;
  readonly keyTransport: KeyTransport;
}

/** Decrypts an EnvelopedData or AuthEnvelopedData (DER or BER) addressed to one of `keys`. */
export function decryptEnveloped(
  der: Uint8Array,
  keys: readonly Decrypter[],
  policy: DecryptPolicy,
): Decrypted {
  const parsed = readEnvelope(der);
  let chosen: { key: Decrypter; ktri: pkijs.KeyTransRecipientInfo } | null = null;
  const named: string[] = [];
  for (const info of parsed.recipientInfos) {
    if (!(info.value instanceof pkijs.KeyTransRecipientInfo)) continue;
    const ktri = info.value;
    const key = keys.find((k) => names(k.certificate, ktri.rid));
    if (key !== undefined) {
      chosen = { key, ktri };
      break;
    }
    named.push(describeRid(ktri.rid));
  }
  if (chosen === null) {
    throw new OpenVanError(
      "AS2_DECRYPTION_FAILED",
      `the message is not encrypted for this network's certificate (it is for ${named.join("; ") || "no RSA key-transport recipient"}): the partner uses the wrong certificate`,
    );
  }
  const cipherOid = parsed.contentInfo.contentEncryptionAlgorithm.algorithmId;
  const cipher = cipherByOid(cipherOid);
  if (cipher === null || (cipher.mode === "gcm") !== parsed.authenticated) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the content is encrypted with ${cipherOid}, which OpenVAN does not support here`,
    );
  }
  if (!policy.ciphers.includes(cipher.name)) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the content is encrypted with ${cipher.name}; this partner's profile allows ${policy.ciphers.join(", ")}`,
      { cipher: cipher.name },
    );
  }
  const transport = keyTransportOf(chosen.ktri.keyEncryptionAlgorithm);
  if (!policy.keyTransports.includes(transport)) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the content key is sent with ${transport}; this partner's profile allows ${policy.keyTransports.join(", ")}`,
      { keyTransport: transport },
    );
  }
  const encryptedKey = chosen.ktri.encryptedKey.valueBlock.valueHexView;
  const key = unwrapKey(chosen.key.privateKey, encryptedKey, transport, cipher.keyBytes);
  const encrypted = new Uint8Array(parsed.contentInfo.getEncryptedContent());
  const params = parsed.contentInfo.contentEncryptionAlgorithm.algorithmParams as unknown;
  try {
    if (cipher.mode === "gcm") {
      const { nonce, tagLength } = gcmParameters(params);
      if (parsed.mac === null || parsed.mac.length !== tagLength)
        throw new Error("no tag of the declared length");
      const gcm = createDecipheriv(cipher.node as "aes-256-gcm", key, nonce, { authTagLength: tagLength });
      if (parsed.authAttrs !== null) gcm.setAAD(parsed.authAttrs);
      gcm.setAuthTag(parsed.mac);
      return {
        content: Buffer.concat([gcm.update(encrypted), gcm.final()]),
        cipher: cipher.name,
        keyTransport: transport,
      };
    }
    if (!(params instanceof asn1js.OctetString)) throw new Error("no IV");
    const cbc = createDecipheriv(cipher.node, key, params.valueBlock.valueHexView);
    return {
      content: Buffer.concat([cbc.update(encrypted), cbc.final()]),
      cipher: cipher.name,
      keyTransport: transport,
    };
  } catch (error) {
    // Deliberately one message for a wrong key, a bad padding and a bad tag (see rsa-pkcs1-decrypt.ts).
    throw new OpenVanError(
      "AS2_DECRYPTION_FAILED",
      "the content does not decrypt with this network's key (wrong certificate, or the message was changed)",
      {},
      { cause: error },
    );
  }
}

interface Envelope {
  readonly authenticated: boolean;
  readonly recipientInfos: readonly pkijs.RecipientInfo[];
  readonly contentInfo: pkijs.EncryptedContentInfo;
  readonly mac: Uint8Array | null;
  readonly authAttrs: Uint8Array | null;
}

function readEnvelope(der: Uint8Array): Envelope {
  const asn = asn1js.fromBER(der);
  const type =
    asn.offset !== -1 && asn.result instanceof asn1js.Sequence
      ? (asn.result.valueBlock.value[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock?.toString()
      : undefined;
  if (type === oids.authEnvelopedData) {
    const info = readContentInfo(der, oids.authEnvelopedData, "encrypted message");
    return readAuthEnveloped(info.content);
  }
  const info = readContentInfo(der, oids.envelopedData, "encrypted message");
  const enveloped = parseSchema(() => new pkijs.EnvelopedData({ schema: info.content }), "EnvelopedData");
  return {
    authenticated: false,
    recipientInfos: enveloped.recipientInfos,
    contentInfo: enveloped.encryptedContentInfo,
    mac: null,
    authAttrs: null,
  };
}

/** AuthEnvelopedData (RFC 5083), which pkijs does not model: read field by field. */
function readAuthEnveloped(schema: unknown): Envelope {
  if (!(schema instanceof asn1js.Sequence))
    throw new OpenVanError("AS2_CMS_INVALID", "AuthEnvelopedData is not a SEQUENCE");
  const fields = [...schema.valueBlock.value];
  fields.shift(); // version
  if (fields[0]?.idBlock.tagClass === 3 && fields[0].idBlock.tagNumber === 0) fields.shift(); // originatorInfo
  const set = fields.shift();
  const eci = fields.shift();
  let authAttrs: Uint8Array | null = null;
  if (fields[0]?.idBlock.tagClass === 3 && fields[0].idBlock.tagNumber === 1) {
    const raw = Buffer.from(fields.shift()?.valueBeforeDecodeView ?? new Uint8Array());
    raw[0] = 0x31; // authenticated as a SET OF (RFC 5083 section 2.2)
    authAttrs = raw;
  }
  const mac = fields.shift();
  if (!(set instanceof asn1js.Set) || eci === undefined || !(mac instanceof asn1js.OctetString)) {
    throw new OpenVanError("AS2_CMS_INVALID", "AuthEnvelopedData lacks recipients, content or MAC");
  }
  return {
    authenticated: true,
    recipientInfos: set.valueBlock.value.map((v) =>
      parseSchema(() => new pkijs.RecipientInfo({ schema: v }), "RecipientInfo"),
    ),
    contentInfo: parseSchema(() => new pkijs.EncryptedContentInfo({ schema: eci }), "EncryptedContentInfo"),
    mac: mac.valueBlock.valueHexView,
    authAttrs,
  };
}

function gcmParameters(params: unknown): { nonce: Uint8Array; tagLength: number } {
  if (!(params instanceof asn1js.Sequence)) throw new Error("GCM parameters missing");
  const [nonce, icv] = params.valueBlock.value;
  if (!(nonce instanceof asn1js.OctetString)) throw new Error("GCM nonce missing");
  const tagLength = icv instanceof asn1js.Integer ? icv.valueBlock.valueDec : 12;
  return { nonce: nonce.valueBlock.valueHexView, tagLength };
}

function names(cert: ParsedCertificate, rid: unknown): boolean {
  if (rid instanceof pkijs.IssuerAndSerialNumber) return isIssuerAndSerial(cert, rid);
  if (rid instanceof asn1js.Primitive || rid instanceof asn1js.Constructed) {
    const inner = rid instanceof asn1js.Constructed ? rid.valueBlock.value[0] : rid;
    const bytes =
      inner instanceof asn1js.BaseBlock
        ? (inner.valueBlock as { valueHexView?: Uint8Array }).valueHexView
        : undefined;
    return bytes !== undefined && hasSubjectKeyId(cert, bytes);
  }
  return false;
}

function describeRid(rid: unknown): string {
  if (rid instanceof pkijs.IssuerAndSerialNumber) {
    const cn = rid.issuer.typesAndValues.find((t) => t.type === "2.5.4.3")?.value.valueBlock.value;
    return `issuer CN=${String(cn ?? "?")}, serial ${Buffer.from(rid.serialNumber.valueBlock.valueHexView).toString("hex")}`;
  }
  return "a subject key id";
}

function keyTransportAlgorithm(transport: KeyTransport): pkijs.AlgorithmIdentifier {
  if (transport === "rsa-pkcs1") {
    return new pkijs.AlgorithmIdentifier({
      algorithmId: oids.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    });
  }
  if (transport === "rsa-oaep") {
    return new pkijs.AlgorithmIdentifier({
      algorithmId: oids.rsaesOaep,
      algorithmParams: new asn1js.Sequence(),
    });
  }
  const sha256 = new pkijs.AlgorithmIdentifier({
    algorithmId: digests.sha256.oid,
    algorithmParams: new asn1js.Null(),
  });
  const params = new pkijs.RSAESOAEPParams({
    hashAlgorithm: sha256,
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: oids.mgf1,
      algorithmParams: sha256.toSchema(),
    }),
  });
  return new pkijs.AlgorithmIdentifier({ algorithmId: oids.rsaesOaep, algorithmParams: params.toSchema() });
}

function keyTransportOf(algorithm: pkijs.AlgorithmIdentifier): KeyTransport {
  if (algorithm.algorithmId === oids.rsaEncryption) return "rsa-pkcs1";
  if (algorithm.algorithmId !== oids.rsaesOaep) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      `the content key is sent with ${algorithm.algorithmId}, which OpenVAN does not support`,
    );
  }
  const schema = algorithm.algorithmParams as unknown;
  if (!(schema instanceof asn1js.Sequence) || schema.valueBlock.value.length === 0) return "rsa-oaep";
  const params = parseSchema(() => new pkijs.RSAESOAEPParams({ schema }), "RSAES-OAEP parameters");
  const hash = digestByOid(params.hashAlgorithm.algorithmId)?.name;
  const mgfParams = params.maskGenAlgorithm.algorithmParams as unknown;
  const mgfHash =
    mgfParams instanceof asn1js.Sequence
      ? digestByOid(
          parseSchema(() => new pkijs.AlgorithmIdentifier({ schema: mgfParams }), "MGF1 hash").algorithmId,
        )?.name
      : "sha1";
  if (hash === "sha1" && mgfHash === "sha1") return "rsa-oaep";
  if (hash === "sha256" && mgfHash === "sha256") return "rsa-oaep-sha256";
  throw new OpenVanError(
    "AS2_ALGORITHM_REFUSED",
    `RSA-OAEP with ${hash ?? "an unknown hash"} and MGF1-${mgfHash ?? "?"} is not supported`,
  );
}

function wrapKey(recipient: ParsedCertificate, key: Uint8Array, transport: KeyTransport): Buffer {
  const publicKey = publicKeyOf(recipient);
  if (transport === "rsa-pkcs1")
    return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
  const oaepHash = transport === "rsa-oaep" ? "sha1" : "sha256";
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, key);
}

function unwrapKey(
  privateKey: KeyObject,
  encrypted: Uint8Array,
  transport: KeyTransport,
  keyBytes: number,
): Buffer {
  if (transport === "rsa-pkcs1") return rsaPkcs1DecryptKey(privateKey, encrypted, keyBytes);
  try {
    const oaepHash = transport === "rsa-oaep" ? "sha1" : "sha256";
    return privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
      encrypted,
    );
  } catch (error) {
    throw new OpenVanError(
      "AS2_DECRYPTION_FAILED",
      "the content key does not decrypt with this network's key (wrong certificate, or the message was changed)",
      {},
      { cause: error },
    );
  }
}

function encryptedContentInfo(
  cipher: CipherInfo,
  params: asn1js.BaseBlock,
  encrypted: Uint8Array,
): pkijs.EncryptedContentInfo {
  return new pkijs.EncryptedContentInfo({
    contentType: oids.data,
    contentEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: cipher.oid,
      algorithmParams: params,
    }),
    encryptedContent: new asn1js.OctetString({ valueHex: encrypted }),
    disableSplit: true,
  });
}

function contentInfo(type: string, content: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(new pkijs.ContentInfo({ contentType: type, content }).toSchema().toBER(false));
}
