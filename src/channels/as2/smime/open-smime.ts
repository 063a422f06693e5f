import { OpenVanError } from "../../../kernel/index.js";
import type { DigestName } from "./algorithms.js";
import { decompress } from "./cms-compressed.js";
import { type Decrypter, decryptEnveloped } from "./cms-enveloped.js";
import { verifyDetached } from "./cms-signed.js";
import {
  decodeBody,
  headerValue,
  type MimeEntity,
  parseContentType,
  parseMimeEntity,
} from "./mime-entity.js";
import { splitMultipartSigned } from "./multipart-signed.js";
import type { SecurityPolicy } from "./security-policy.js";

/** A received S/MIME message with its layers taken off. */
export interface OpenedMessage {
  /** The payload, transfer encoding undone. */
  readonly payload: Uint8Array;
  /** The innermost entity (the payload's MIME headers). */
  readonly entity: MimeEntity;
  readonly signed: boolean;
  readonly encrypted: boolean;
  readonly compressed: boolean;
  /** The digest of the signature, when signed. */
  readonly signatureDigest: DigestName | null;
  /** The bytes the MIC is computed over (RFC 4130 section 7.3.1). */
  readonly micBytes: Uint8Array;
}

const layersLimit = 6;

/**
 * Takes the S/MIME layers off a message, outside in: decrypt (EnvelopedData / AuthEnvelopedData), verify
 * (multipart/signed, split byte-exactly), decompress (RFC 5402, before or after signing), in any order the
 * sender chose. Errors are OpenVanErrors whose code says which MDN disposition applies.
 */
export function openSmime(
  top: MimeEntity,
  keys: readonly Decrypter[],
  policy: SecurityPolicy,
  maxBytes: number,
): OpenedMessage {
  let current = top;
  let signed = false;
  let encrypted = false;
  let compressed = false;
  let signatureDigest: DigestName | null = null;
  let micBytes: Uint8Array | null = null;
  for (let layer = 0; ; layer++) {
    if (layer >= layersLimit) {
      throw new OpenVanError(
        "AS2_MESSAGE_INVALID",
        `the message nests more than ${layersLimit} S/MIME layers`,
      );
    }
    const contentType = headerValue(current.headers, "content-type");
    const { type, params } = parseContentType(contentType);
    if (type === "application/pkcs7-mime" || type === "application/x-pkcs7-mime") {
      const der = decodeBody(current);
      const smimeType = (params["smime-type"] ?? "").toLowerCase();
      if (smimeType === "compressed-data") {
        current = parseMimeEntity(decompress(der, maxBytes));
        compressed = true;
        continue;
      }
      if (encrypted) throw new OpenVanError("AS2_MESSAGE_INVALID", "the message is encrypted twice");
      const decrypted = decryptEnveloped(der, keys, policy);
      encrypted = true;
      current = parseMimeEntity(decrypted.content);
      // Encrypted and unsigned: the MIC covers the decrypted entity, headers and content.
      if (!signed) micBytes = decrypted.content;
      continue;
    }
    if (type === "multipart/signed") {
      if (signed) throw new OpenVanError("AS2_MESSAGE_INVALID", "the message is signed twice");
      const parts = splitMultipartSigned(current.body, contentType ?? "");
      const verified = verifyDetached(parts.signed, parts.signature, policy.signers, policy.digests);
      signed = true;
      signatureDigest = verified.digest;
      micBytes = parts.signed;
      current = parseMimeEntity(parts.signed);
      continue;
    }
    break;
  }
  if (policy.requireEncrypted && !encrypted) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      "this partner's profile requires encrypted messages; this one is not",
    );
  }
  if (policy.requireSigned && !signed) {
    throw new OpenVanError(
      "AS2_ALGORITHM_REFUSED",
      "this partner's profile requires signed messages; this one is not",
    );
  }
  const payload = decodeBody(current);
  return {
    payload,
    entity: current,
    signed,
    encrypted,
    compressed,
    signatureDigest,
    micBytes: micBytes ?? payload,
  };
}
