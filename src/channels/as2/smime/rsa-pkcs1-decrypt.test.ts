import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rsaPkcs1DecryptKey, selectKey } from "./rsa-pkcs1-decrypt.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

function block(key: Buffer, psLength: number, tweak?: (em: Buffer) => void): Buffer {
  const em = Buffer.concat([Buffer.from([0, 2]), Buffer.alloc(psLength, 0x5a), Buffer.from([0]), key]);
  tweak?.(em);
  return em;
}

describe("RSA PKCS#1 v1.5 key decryption with the RFC 3218 countermeasure", () => {
  it("recovers the key that publicEncrypt wrapped", () => {
    const key = randomBytes(32);
    const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
    expect(rsaPkcs1DecryptKey(privateKey, wrapped, 32).equals(key)).toBe(true);
  });

  it("answers a random key of the expected length, never an error, for a key of another length", () => {
    const key = randomBytes(16);
    const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
    const out = rsaPkcs1DecryptKey(privateKey, wrapped, 32);
    expect(out).toHaveLength(32);
    expect(out.subarray(16).equals(key)).toBe(false);
  });

  it("answers the fallback for every kind of bad padding", () => {
    const key = randomBytes(32);
    const fallback = randomBytes(32);
    const n = 256;
    const ps = n - 3 - 32;
    expect(selectKey(block(key, ps), 32, fallback).equals(key)).toBe(true);
    const bad: ((em: Buffer) => void)[] = [
      (em) => em.writeUInt8(1, 0), // first byte not 0
      (em) => em.writeUInt8(1, 1), // block type 1, not 2
      (em) => em.writeUInt8(0, 5), // a zero inside the first 8 bytes of PS
      (em) => em.fill(0x5a, 2), // no separator at all
    ];
    for (const tweak of bad)
      expect(selectKey(block(key, ps, tweak), 32, fallback).equals(fallback)).toBe(true);
    // PS shorter than 8 bytes
    expect(selectKey(block(randomBytes(n - 3 - 7), 7), n - 3 - 7, Buffer.alloc(n - 10, 1))[0]).toBe(1);
  });

  it("answers the fallback for ciphertexts that are not RSA blocks of this key", () => {
    expect(rsaPkcs1DecryptKey(privateKey, randomBytes(10), 16)).toHaveLength(16);
  });
});
