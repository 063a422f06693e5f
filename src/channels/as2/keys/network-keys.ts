import { createPrivateKey, randomBytes, webcrypto } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { NetworkContext } from "../../../network/index.js";
import type { As2CertificateRecord } from "../../../storage/ports/index.js";
import { parseCertificate } from "../smime/certificates.js";
import type { Decrypter } from "../smime/cms-enveloped.js";
import type { Signer } from "../smime/cms-signed.js";
import { certificatePem, certificateRecord } from "./certificate-record.js";

/** The owner of this network's own certificates in as2_certificates. */
export const networkOwner = "network";

/** This network's AS2 key pairs: the newest signs, every one decrypts (so a rollover loses no message). */
export interface NetworkKeys {
  readonly signer: Signer;
  readonly decrypters: readonly Decrypter[];
  /** The certificate partners encrypt to and verify with, PEM. */
  readonly certificatePem: string;
}

const validityYears = 5;

/** The id of the network's first key pair: nodes starting together on a fresh database all try to take it. */
const firstPairId = "as2c_network_first";

/**
 * Loads the network's AS2 key pairs from the database, generating a self-signed RSA-2048 one the first time.
 * Several nodes may start at once on a fresh database: each makes one, and each tries to store it under the
 * same id; the primary key lets exactly one in, and the others drop theirs and read the winner's.
 */
export async function loadNetworkKeys(ctx: NetworkContext, as2Id: string): Promise<NetworkKeys> {
  let records = await ctx.store.as2.listCertificates(networkOwner);
  if (!records.some((r) => r.privateKeyPem !== null)) {
    const mine = { ...(await generateKeyPair(as2Id, ctx.clock.now())), id: firstPairId };
    try {
      await ctx.store.as2.insertCertificate(mine);
    } catch (error) {
      // Another node stored its pair first; should there be none after all, the failure was something else.
      records = await ctx.store.as2.listCertificates(networkOwner);
      if (!records.some((r) => r.id === firstPairId)) throw error;
    }
    records = await ctx.store.as2.listCertificates(networkOwner);
  }
  return networkKeysOf(records, ctx.clock.now());
}

export function networkKeysOf(records: readonly As2CertificateRecord[], now: Date): NetworkKeys {
  const pairs = records
    .filter((r) => r.privateKeyPem !== null)
    .map((r) => ({
      record: r,
      certificate: parseCertificate(r.der),
      privateKey: createPrivateKey(r.privateKeyPem ?? ""),
    }));
  const at = now.toISOString();
  const valid = pairs.filter((p) => p.record.notBefore <= at && at < p.record.notAfter);
  // The newest valid pair signs; all of them decrypt.
  const signing = valid.at(-1) ?? pairs.at(-1);
  if (signing === undefined) throw new Error("the network has no AS2 key pair");
  return {
    signer: { certificate: signing.certificate, privateKey: signing.privateKey },
    decrypters: [...pairs].reverse().map((p) => ({ certificate: p.certificate, privateKey: p.privateKey })),
    certificatePem: certificatePem(signing.record.der),
  };
}

/** How a key pair is made: RSA modulus bits, validity in days, the owner its record gets. */
export interface KeyPairOptions {
  readonly bits?: 2048 | 3072 | 4096;
  readonly days?: number;
  readonly owner?: string;
}

/**
 * A self-signed RSA (2048 bits unless asked) / SHA-256 certificate for signing and key transport, valid five
 * years unless asked, built with pkijs over WebCrypto. (@peculiar/x509 would need a global Reflect metadata
 * polyfill, which OpenVAN does not install into the process.)
 */
export async function generateKeyPair(
  as2Id: string,
  now: Date,
  options: KeyPairOptions = {},
): Promise<As2CertificateRecord> {
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: options.bits ?? 2048,
  };
  const subtle = webcrypto.subtle;
  const keys = (await subtle.generateKey(algorithm, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  if (options.days === undefined) notAfter.setUTCFullYear(notAfter.getUTCFullYear() + validityYears);
  else notAfter.setTime(now.getTime() + options.days * 86_400_000);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  // A positive serial: the top bit of the first byte clear.
  cert.serialNumber = new asn1js.Integer({ valueHex: Buffer.concat([Buffer.from([1]), randomBytes(15)]) });
  const name = [
    new pkijs.AttributeTypeAndValue({
      type: "2.5.4.10",
      value: new asn1js.Utf8String({ value: "OpenVAN AS2" }),
    }),
    new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: as2Id }) }),
  ];
  cert.subject.typesAndValues = name;
  cert.issuer.typesAndValues = name;
  cert.notBefore.value = new Date(now.getTime() - 60_000);
  cert.notAfter.value = notAfter;
  // keyUsage: digitalSignature (bit 0) and keyEncipherment (bit 2), critical; not a CA.
  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0xa0]).buffer, unusedBits: 5 });
  cert.extensions = [
    new pkijs.Extension({ extnID: "2.5.29.15", critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({
      extnID: "2.5.29.19",
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
  ];
  await cert.subjectPublicKeyInfo.importKey(
    keys.publicKey as unknown as Parameters<pkijs.Certificate["sign"]>[0],
  );
  await cert.sign(keys.privateKey as unknown as Parameters<pkijs.Certificate["sign"]>[0], "SHA-256");
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  const pkcs8 = Buffer.from(await subtle.exportKey("pkcs8", keys.privateKey));
  const pem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/.{1,64}/g, "$&\n")}-----END PRIVATE KEY-----\n`;
  return certificateRecord(der, options.owner ?? networkOwner, "both", pem, now);
}
