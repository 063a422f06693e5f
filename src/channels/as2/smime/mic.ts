import { createHash } from "node:crypto";
import { type DigestName, digests } from "./algorithms.js";

/**
 * The Message Integrity Check of RFC 4130 section 7.3.1, as `base64, sha-256`. The caller picks the bytes:
 * for a signed message, the signed MIME entity (its headers and content exactly as signed); for an encrypted
 * unsigned one, the decrypted entity (headers and content); for a plain one, the content alone.
 */
export function computeMic(bytes: Uint8Array, digest: DigestName): string {
  return `${createHash(digest).update(bytes).digest("base64")}, ${digests[digest].micalg}`;
}

/** Compares two MICs: the same value and the same digest, however the digest is written (`SHA256`, `sha-256`). */
export function sameMic(a: string, b: string): boolean {
  const split = (mic: string): [string, string] => {
    const comma = mic.lastIndexOf(",");
    return [
      mic.slice(0, comma).trim(),
      mic
        .slice(comma + 1)
        .trim()
        .toLowerCase()
        .replaceAll("-", ""),
    ];
  };
  const [va, aa] = split(a);
  const [vb, ab] = split(b);
  return a.includes(",") && b.includes(",") && va === vb && aa === ab;
}
