import { constants, type KeyObject, privateDecrypt, randomBytes } from "node:crypto";

/**
 * RSA PKCS#1 v1.5 key transport decryption (RFC 8017 section 7.2.2) for CMS, with the countermeasure of
 * RFC 3218 section 2.3.2: the result is ALWAYS a key of `keyBytes` bytes. When the padding is wrong or the key
 * has another length, it is a random key, and the failure shows only later, as content that does not decrypt
 * — the same failure as a right-padded wrong key — so a sender learns nothing from the padding check.
 *
 * Node 20 refuses `RSA_PKCS1_PADDING` for private decryption (CVE-2023-46809: its implicit-rejection fix
 * needs a newer OpenSSL). We use raw RSA (`RSA_NO_PADDING`, a constant-time OpenSSL operation) and check the
 * padding here with no data-dependent branch or early exit; docs/as2.md weighs what remains.
 */
export function rsaPkcs1DecryptKey(
  privateKey: KeyObject,
  encryptedKey: Uint8Array,
  keyBytes: number,
): Buffer {
  const fallback = randomBytes(keyBytes);
  let em: Buffer;
  try {
    em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, encryptedKey);
  } catch {
    // Wrong length or a value not below the modulus: public facts about the ciphertext, not padding.
    return fallback;
  }
  return selectKey(em, keyBytes, fallback);
}

/** EM = 0x00 || 0x02 || PS (8 or more non-zero bytes) || 0x00 || K; K when all holds, else `fallback`. */
export function selectKey(em: Uint8Array, keyBytes: number, fallback: Buffer): Buffer {
  const n = em.length;
  // good stays 1 while every check holds; arithmetic only, every byte visited.
  let good = isZero(em[0] ?? 1) & isZero((em[1] ?? 0) ^ 2);
  let lookingForZero = 1;
  let zeroIndex = 0;
  for (let i = 2; i < n; i++) {
    const zero = isZero(em[i] ?? 0);
    // The first zero after PS: remember its index once.
    zeroIndex |= i * (zero & lookingForZero);
    lookingForZero &= 1 - zero;
  }
  good &= 1 - lookingForZero;
  // At least 8 bytes of PS: the separator at index 10 or later.
  good &= isNonNegative(zeroIndex - 10);
  // The key has the length the content algorithm needs.
  good &= isZero(n - zeroIndex - 1 - keyBytes);
  const out = Buffer.alloc(keyBytes);
  const start = n - keyBytes;
  const mask = -good & 0xff;
  for (let i = 0; i < keyBytes; i++) {
    const k = em[start + i] ?? 0;
    const f = fallback[i] ?? 0;
    out[i] = (k & mask) | (f & ~mask & 0xff);
  }
  return out;
}

/** 1 when x is 0, else 0, for |x| < 2^30, without a branch. */
function isZero(x: number): number {
  return 1 ^ (((x | -x) >>> 31) & 1);
}

/** 1 when x >= 0, else 0, for |x| < 2^30. */
function isNonNegative(x: number): number {
  return 1 ^ ((x >>> 31) & 1);
}
