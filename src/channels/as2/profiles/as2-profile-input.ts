import { OpenVanError } from "../../../kernel/index.js";
import type { As2ProfileRecord } from "../../../storage/ports/index.js";
import { isCipherName, parseDigestName } from "../smime/algorithms.js";

/** What an administrator gives for an account's AS2 profile; every field but `as2Id` has a default. */
export interface As2ProfileInput {
  readonly as2Id: string;
  readonly url?: string | null;
  readonly legacy?: boolean;
  readonly allowRsaPkcs1?: boolean;
  readonly requireSigned?: boolean;
  readonly requireEncrypted?: boolean;
  readonly signDigest?: string | null;
  readonly cipher?: string | null;
  readonly keyTransport?: string;
  readonly compress?: boolean;
  readonly mdn?: "sync" | "async" | "none";
  readonly mdnSigned?: boolean;
}

export const profileDefaults = {
  url: null,
  legacy: false,
  allowRsaPkcs1: true,
  requireSigned: true,
  requireEncrypted: false,
  signDigest: "sha256",
  cipher: "aes-256-cbc",
  keyTransport: "rsa-oaep",
  compress: false,
  mdn: "sync",
  mdnSigned: true,
} as const;

/**
 * The profile fields from an input over a base (the defaults, or the profile being changed), checked: an AS2 id
 * of RFC 4130's 1-128 printable characters, known algorithms, an http(s) URL.
 */
export function profileFields(
  input: Partial<As2ProfileInput>,
  base: Omit<As2ProfileRecord, "id" | "accountId" | "createdAt" | "as2Id"> & { as2Id?: string },
): Omit<As2ProfileRecord, "id" | "accountId" | "createdAt"> {
  const as2Id = input.as2Id ?? base.as2Id ?? "";
  if (!/^[\x21-\x7e]([\x20-\x7e]{0,126}[\x21-\x7e])?$/.test(as2Id) || /["\\]/.test(as2Id)) {
    throw invalid(
      "as2Id",
      `"${as2Id}" is not an AS2 id (1-128 printable ASCII characters, no quote or backslash)`,
    );
  }
  const url = input.url === undefined ? base.url : input.url;
  if (url !== null && !/^https?:\/\//.test(url)) throw invalid("url", `"${url}" is not an http(s) URL`);
  const signDigest = input.signDigest === undefined ? base.signDigest : input.signDigest;
  if (signDigest !== null && parseDigestName(signDigest) === null) {
    throw invalid("signDigest", `"${signDigest}" is not sha1, sha256, sha384 or sha512`);
  }
  const cipher = input.cipher === undefined ? base.cipher : input.cipher;
  if (cipher !== null && !isCipherName(cipher))
    throw invalid("cipher", `"${cipher}" is not a supported cipher`);
  const keyTransport = input.keyTransport ?? base.keyTransport;
  if (!["rsa-oaep", "rsa-oaep-sha256", "rsa-pkcs1"].includes(keyTransport)) {
    throw invalid("keyTransport", `"${keyTransport}" is not rsa-oaep, rsa-oaep-sha256 or rsa-pkcs1`);
  }
  return {
    as2Id,
    url,
    legacy: input.legacy ?? base.legacy,
    allowRsaPkcs1: input.allowRsaPkcs1 ?? base.allowRsaPkcs1,
    requireSigned: input.requireSigned ?? base.requireSigned,
    requireEncrypted: input.requireEncrypted ?? base.requireEncrypted,
    signDigest: signDigest === null ? null : parseDigestName(signDigest),
    cipher,
    keyTransport,
    compress: input.compress ?? base.compress,
    mdn: input.mdn ?? base.mdn,
    mdnSigned: input.mdnSigned ?? base.mdnSigned,
  };
}

function invalid(field: string, message: string): OpenVanError {
  return new OpenVanError("REQUEST_INVALID", message, { field });
}
