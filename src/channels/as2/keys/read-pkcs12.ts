import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  pbkdf2Sync,
  timingSafeEqual,
  X509Certificate,
} from "node:crypto";
import * as asn1js from "asn1js";
import { OpenVanError } from "../../../kernel/index.js";

/** What a PKCS#12 file holds that AS2 uses: its certificates (DER, the key's own first) and its private key. */
export interface Pkcs12Contents {
  readonly certificates: Uint8Array[];
  readonly privateKey: KeyObject | null;
}

const oid = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  sha1And3DES: "1.2.840.113549.1.12.1.3",
  sha1And2DES: "1.2.840.113549.1.12.1.4",
} as const;

/** Password-based encryption OpenVAN refuses, with the reason named in the error. */
const refusedPbe: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.12.1.1": "pbeWithSHAAnd128BitRC4",
  "1.2.840.113549.1.12.1.2": "pbeWithSHAAnd40BitRC4",
  "1.2.840.113549.1.12.1.5": "pbeWithSHAAnd128BitRC2-CBC",
  "1.2.840.113549.1.12.1.6": "pbeWithSHAAnd40BitRC2-CBC (RC2-40)",
  "1.2.840.113549.1.5.3": "pbeWithMD5AndDES-CBC",
  "1.2.840.113549.1.5.10": "pbeWithSHA1AndDES-CBC",
};

/** Digests by OID: for the MAC (PKCS#12 KDF) and as PBKDF2 PRFs (hmacWith…). */
const macDigests: Readonly<Record<string, { name: string; v: number }>> = {
  "1.3.14.3.2.26": { name: "sha1", v: 64 },
  "2.16.840.1.101.3.4.2.4": { name: "sha224", v: 64 },
  "2.16.840.1.101.3.4.2.1": { name: "sha256", v: 64 },
  "2.16.840.1.101.3.4.2.2": { name: "sha384", v: 128 },
  "2.16.840.1.101.3.4.2.3": { name: "sha512", v: 128 },
};
const prfs: Readonly<Record<string, string>> = {
  "1.2.840.113549.2.7": "sha1",
  "1.2.840.113549.2.8": "sha224",
  "1.2.840.113549.2.9": "sha256",
  "1.2.840.113549.2.10": "sha384",
  "1.2.840.113549.2.11": "sha512",
};
const pbes2Ciphers: Readonly<Record<string, { name: string; keyLength: number }>> = {
  "2.16.840.1.101.3.4.1.2": { name: "aes-128-cbc", keyLength: 16 },
  "2.16.840.1.101.3.4.1.22": { name: "aes-192-cbc", keyLength: 24 },
  "2.16.840.1.101.3.4.1.42": { name: "aes-256-cbc", keyLength: 32 },
  "1.2.840.113549.3.7": { name: "des-ede3-cbc", keyLength: 24 },
};

const reexport =
  "re-export it with a modern algorithm: openssl pkcs12 -in OLD.p12 -legacy -nodes -out all.pem && " +
  "openssl pkcs12 -export -in all.pem -out NEW.p12 (AES-256-CBC, PBKDF2-HMAC-SHA256)";

/**
 * Reads a PKCS#12 (.p12/.pfx) file (RFC 7292): checks its MAC with the password, then decrypts its bags.
 * Encryption understood: PBES2 (PBKDF2 with HMAC-SHA1/224/256/384/512; AES-128/192/256-CBC or 3DES), what
 * `openssl pkcs12 -export` writes today, and pbeWithSHAAnd3-KeyTripleDES-CBC (and 2-key 3DES), what older tools
 * write. RC2 and RC4 (`openssl pkcs12 -legacy`'s RC2-40 certificate bag) are refused with the algorithm named.
 */
export function readPkcs12(bytes: Uint8Array, password: string | null): Pkcs12Contents {
  const pfx = sequence(parse(bytes, "the PKCS#12 file"), "PFX");
  if (integer(pfx[0]) !== 3) invalid("it is not a PKCS#12 file (PFX version is not 3)");
  const authSafe = sequence(pfx[1], "authSafe");
  if (oidOf(authSafe[0]) !== oid.data) {
    invalid("its authSafe is not plain data (public-key integrity mode is not supported)");
  }
  const authSafeBytes = octets(explicit(authSafe[1], "authSafe content"), "authSafe content");
  if (pfx[2] === undefined) {
    // No MAC (openssl -nomac): nothing to check the password against; encrypted bags will tell.
  } else {
    checkMac(sequence(pfx[2], "macData"), authSafeBytes, password);
  }
  const certificates: Uint8Array[] = [];
  let privateKey: KeyObject | null = null;
  for (const info of sequence(parse(authSafeBytes, "AuthenticatedSafe"), "AuthenticatedSafe")) {
    const contentInfo = sequence(info, "ContentInfo");
    const type = oidOf(contentInfo[0]);
    let safeContents: Uint8Array;
    if (type === oid.data) {
      safeContents = octets(explicit(contentInfo[1], "SafeContents"), "SafeContents");
    } else if (type === oid.encryptedData) {
      const encryptedData = sequence(explicit(contentInfo[1], "EncryptedData"), "EncryptedData");
      const eci = sequence(encryptedData[1], "EncryptedContentInfo");
      const encrypted = eci[2];
      if (encrypted === undefined) invalid("an EncryptedData holds no content");
      safeContents = decrypt(sequence(eci[1], "algorithm"), octets(encrypted, "encrypted content"), password);
    } else {
      invalid(`it holds a ContentInfo of type ${type}, which OpenVAN does not read`);
    }
    for (const bag of sequence(parse(safeContents, "SafeContents"), "SafeContents")) {
      const fields = sequence(bag, "SafeBag");
      const bagType = oidOf(fields[0]);
      const value = explicit(fields[1], "bag value");
      if (bagType === oid.certBag) {
        const certBag = sequence(value, "CertBag");
        if (oidOf(certBag[0]) !== oid.x509Certificate) continue; // SDSI certificates: not for AS2
        certificates.push(octets(explicit(certBag[1], "certificate"), "certificate"));
      } else if (bagType === oid.keyBag || bagType === oid.shroudedKeyBag) {
        if (privateKey !== null) invalid("it holds more than one private key; export one key per file");
        let pkcs8: Uint8Array;
        if (bagType === oid.keyBag) {
          pkcs8 = new Uint8Array(value.toBER(false));
        } else {
          const epki = sequence(value, "EncryptedPrivateKeyInfo");
          pkcs8 = decrypt(sequence(epki[0], "algorithm"), octets(epki[1], "encrypted key"), password);
        }
        privateKey = keyOf(pkcs8);
      }
    }
  }
  if (certificates.length === 0) invalid("it holds no X.509 certificate");
  return { certificates: keyFirst(certificates, privateKey), privateKey };
}

/** The certificate of the key first, then the others (CA certificates) in file order. */
function keyFirst(certificates: Uint8Array[], key: KeyObject | null): Uint8Array[] {
  if (key === null) return certificates;
  const publicDer = createPublicDer(key);
  const index = certificates.findIndex((der) =>
    Buffer.from(new X509Certificate(der).publicKey.export({ type: "spki", format: "der" }) as Buffer).equals(
      publicDer,
    ),
  );
  if (index < 0) invalid("its private key belongs to none of its certificates");
  return [certificates[index] as Uint8Array, ...certificates.filter((_, i) => i !== index)];
}

function createPublicDer(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: "spki", format: "der" }) as Buffer;
}

function keyOf(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
  } catch (error) {
    invalid("its private key does not decode (PKCS#8)", error);
  }
}

function checkMac(macData: asn1js.AsnType[], authSafe: Uint8Array, password: string | null): void {
  const digestInfo = sequence(macData[0], "DigestInfo");
  const algorithm = oidOf(sequence(digestInfo[0], "digestAlgorithm")[0]);
  const expected = octets(digestInfo[1], "MAC");
  const salt = octets(macData[1], "MAC salt");
  const iterations = macData[2] === undefined ? 1 : integer(macData[2]);
  const digest = macDigests[algorithm];
  if (digest === undefined) {
    invalid(`its MAC uses the digest ${algorithm} (PBMAC1 or unknown), which OpenVAN does not read`);
  }
  const tryPassword = (pw: string | null): boolean => {
    const key = pkcs12Kdf(digest.name, digest.v, bmpPassword(pw), salt, iterations, 3, expected.length);
    const mac = createHmac(digest.name, key).update(authSafe).digest();
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  };
  if (tryPassword(password)) return;
  // openssl writes "no password" as either an empty BMPString or none at all.
  if ((password === null || password === "") && tryPassword(password === null ? "" : null)) return;
  throw new OpenVanError(
    "AS2_PKCS12_PASSWORD",
    password === null || password === ""
      ? 'the PKCS#12 file is protected by a password: give it (--password, or "password" in the request)'
      : "the password does not open the PKCS#12 file (its MAC does not verify): wrong password, or the file was changed",
  );
}

function decrypt(algorithm: asn1js.AsnType[], data: Uint8Array, password: string | null): Uint8Array {
  const id = oidOf(algorithm[0]);
  let cipher: string;
  let key: Uint8Array;
  let iv: Uint8Array;
  if (id === oid.pbes2) {
    const params = sequence(algorithm[1], "PBES2-params");
    const kdf = sequence(params[0], "keyDerivationFunc");
    const scheme = sequence(params[1], "encryptionScheme");
    if (oidOf(kdf[0]) !== oid.pbkdf2)
      invalid(`PBES2 with the key derivation ${oidOf(kdf[0])} is not supported`);
    const kdfParams = sequence(kdf[1], "PBKDF2-params");
    const salt = octets(kdfParams[0], "PBKDF2 salt");
    const iterations = integer(kdfParams[1]);
    let prf = "sha1";
    for (const extra of kdfParams.slice(2)) {
      if (extra instanceof asn1js.Sequence) {
        const name = prfs[oidOf(sequence(extra, "prf")[0])];
        if (name === undefined)
          invalid(`PBKDF2 with the PRF ${oidOf(sequence(extra, "prf")[0])} is not supported`);
        prf = name;
      }
    }
    const schemeId = oidOf(scheme[0]);
    const chosen = pbes2Ciphers[schemeId];
    if (chosen === undefined) {
      invalid(`it is encrypted with ${schemeId} (PBES2), which OpenVAN does not read; ${reexport}`);
    }
    cipher = chosen.name;
    iv = octets(scheme[1], "IV");
    const pw = Buffer.from(password ?? "", "utf8");
    key = pbkdf2Sync(pw, salt, iterations, chosen.keyLength, prf);
  } else if (id === oid.sha1And3DES || id === oid.sha1And2DES) {
    const params = sequence(algorithm[1], "pbe params");
    const salt = octets(params[0], "salt");
    const iterations = integer(params[1]);
    const pw = bmpPassword(password);
    const keyLength = id === oid.sha1And3DES ? 24 : 16;
    key = pkcs12Kdf("sha1", 64, pw, salt, iterations, 1, keyLength);
    iv = pkcs12Kdf("sha1", 64, pw, salt, iterations, 2, 8);
    cipher = id === oid.sha1And3DES ? "des-ede3-cbc" : "des-ede-cbc";
  } else {
    const named = refusedPbe[id];
    invalid(
      named === undefined
        ? `it is encrypted with ${id}, which OpenVAN does not read; ${reexport}`
        : `it is encrypted with ${named}, a broken legacy algorithm OpenVAN refuses; ${reexport}`,
    );
  }
  try {
    const decipher = createDecipheriv(cipher, key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch (error) {
    // The MAC already vouched for the password; a file without MAC lands here with a wrong one.
    throw new OpenVanError(
      "AS2_PKCS12_PASSWORD",
      `the PKCS#12 file does not decrypt with the password given (${cipher})`,
      {},
      { cause: error },
    );
  }
}

/** RFC 7292 appendix B.2: the PKCS#12 key derivation (ID 1 key, 2 IV, 3 MAC key). */
export function pkcs12Kdf(
  digest: string,
  v: number,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  id: 1 | 2 | 3,
  length: number,
): Buffer {
  const fill = (src: Uint8Array): Buffer => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  const d = Buffer.alloc(v, id);
  const i = Buffer.concat([fill(salt), fill(password)]);
  const blocks: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let a = createHash(digest).update(d).update(i).digest();
    for (let r = 1; r < iterations; r++) a = createHash(digest).update(a).digest();
    blocks.push(a);
    produced += a.length;
    if (produced >= length) break;
    const b = Buffer.alloc(v);
    for (let k = 0; k < v; k++) b[k] = a[k % a.length] as number;
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] as number) + (b[k] as number) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** The password as PKCS#12 wants it: UTF-16BE with a two-byte terminator; none at all for no password. */
function bmpPassword(password: string | null): Uint8Array {
  if (password === null) return new Uint8Array(0);
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let k = 0; k < password.length; k++) out.writeUInt16BE(password.charCodeAt(k), k * 2);
  return out;
}

function parse(bytes: Uint8Array, what: string): asn1js.AsnType {
  const asn = asn1js.fromBER(bytes);
  if (asn.offset === -1) invalid(`${what} is not valid DER/BER (corrupt or cut off)`);
  return asn.result;
}

function sequence(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) invalid(`its ${what} is not the expected structure (corrupt file)`);
  return node.valueBlock.value;
}

function oidOf(node: asn1js.AsnType | undefined): string {
  if (!(node instanceof asn1js.ObjectIdentifier))
    invalid("an algorithm or type identifier is missing (corrupt file)");
  return node.valueBlock.toString();
}

function integer(node: asn1js.AsnType | undefined): number {
  if (!(node instanceof asn1js.Integer)) invalid("a number is missing (corrupt file)");
  return node.valueBlock.valueDec;
}

/** The value inside an [0] EXPLICIT tag. */
function explicit(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType {
  if (!(node instanceof asn1js.Constructed) || node.idBlock.tagClass !== 3) {
    invalid(`its ${what} is not where it should be (corrupt file)`);
  }
  const inner = node.valueBlock.value[0];
  if (inner === undefined) invalid(`its ${what} is empty (corrupt file)`);
  return inner;
}

/** The bytes of an OCTET STRING or of an [n] IMPLICIT one, primitive or constructed (BER). */
function octets(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (node instanceof asn1js.OctetString && !node.idBlock.isConstructed) {
    return new Uint8Array(node.valueBlock.valueHexView);
  }
  if (node instanceof asn1js.Constructed || node instanceof asn1js.OctetString) {
    const parts = (node.valueBlock as unknown as { value: asn1js.AsnType[] }).value;
    return new Uint8Array(Buffer.concat(parts.map((p) => octets(p, what))));
  }
  if (node instanceof asn1js.Primitive) return new Uint8Array(node.valueBlock.valueHexView);
  invalid(`its ${what} is not an octet string (corrupt file)`);
}

function invalid(reason: string, cause?: unknown): never {
  throw new OpenVanError(
    "AS2_CERTIFICATE_INVALID",
    `cannot read the PKCS#12 file: ${reason}`,
    {},
    cause === undefined ? undefined : { cause },
  );
}
