import type { CipherName, DigestName, KeyTransport } from "./algorithms.js";
import type { ParsedCertificate } from "./certificates.js";

/** What a partner's profile accepts from it, and the certificates its signatures must come from. */
export interface SecurityPolicy {
  readonly signers: readonly ParsedCertificate[];
  readonly requireSigned: boolean;
  readonly requireEncrypted: boolean;
  readonly digests: readonly DigestName[];
  readonly ciphers: readonly CipherName[];
  readonly keyTransports: readonly KeyTransport[];
}

/**
 * SHA-256 and up, AES only; SHA-1 and 3DES only for a partner whose profile is marked legacy; RSA PKCS#1 v1.5
 * key transport unless the profile turns it off (see docs/as2.md for its trade-off).
 */
export function allowedAlgorithms(
  legacy: boolean,
  allowRsaPkcs1 = true,
): Pick<SecurityPolicy, "digests" | "ciphers" | "keyTransports"> {
  const digests: DigestName[] = ["sha256", "sha384", "sha512"];
  const ciphers: CipherName[] = ["aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "aes-128-gcm", "aes-256-gcm"];
  return {
    digests: legacy ? [...digests, "sha1"] : digests,
    ciphers: legacy ? [...ciphers, "des-ede3-cbc"] : ciphers,
    keyTransports: allowRsaPkcs1
      ? ["rsa-oaep", "rsa-oaep-sha256", "rsa-pkcs1"]
      : ["rsa-oaep", "rsa-oaep-sha256"],
  };
}
