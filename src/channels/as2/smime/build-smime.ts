import { randomBytes } from "node:crypto";
import type { CipherName, DigestName, KeyTransport } from "./algorithms.js";
import { digests } from "./algorithms.js";
import type { ParsedCertificate } from "./certificates.js";
import { compress } from "./cms-compressed.js";
import { encryptEnveloped } from "./cms-enveloped.js";
import { type Signer, signDetached } from "./cms-signed.js";
import { computeMic } from "./mic.js";
import { buildMimeEntity, type MimeHeader } from "./mime-entity.js";
import { joinParts } from "./multipart.js";

export interface BuildOptions {
  readonly sign: { readonly signer: Signer; readonly digest: DigestName } | null;
  readonly encrypt: {
    readonly recipient: ParsedCertificate;
    readonly cipher: CipherName;
    readonly keyTransport: KeyTransport;
  } | null;
  readonly compress: boolean;
  /** The digest of the MIC when the message is not signed (the signature's otherwise). */
  readonly micDigest: DigestName;
  readonly at: Date;
}

/** An S/MIME message ready for the wire: the MIME headers that go into the HTTP headers, and the body. */
export interface BuiltMessage {
  readonly headers: readonly MimeHeader[];
  readonly body: Uint8Array;
  /** The MIC the partner's MDN must return. */
  readonly mic: string;
}

/**
 * Wraps an entity (the payload with its MIME headers) for AS2: compress, then sign (detached multipart/signed),
 * then encrypt the whole signed document — the order of RFC 5402 section 4 and of most AS2 software.
 */
export function buildSmime(
  entity: { headers: readonly MimeHeader[]; body: Uint8Array },
  options: BuildOptions,
): BuiltMessage {
  let headers = entity.headers;
  let body = entity.body;
  if (options.compress) {
    body = compress(buildMimeEntity(headers, body));
    headers = [
      { name: "Content-Type", value: 'application/pkcs7-mime; smime-type=compressed-data; name="smime.p7z"' },
      { name: "Content-Transfer-Encoding", value: "binary" },
      { name: "Content-Disposition", value: 'attachment; filename="smime.p7z"' },
    ];
  }
  const whole = buildMimeEntity(headers, body);
  let mic = computeMic(options.encrypt === null && options.sign === null ? body : whole, options.micDigest);
  if (options.sign !== null) {
    const { signer, digest } = options.sign;
    mic = computeMic(whole, digest);
    ({ headers, body } = signedDocument(whole, signDetached(whole, signer, digest, options.at), digest));
  }
  if (options.encrypt !== null) {
    const { recipient, cipher, keyTransport } = options.encrypt;
    const document = buildMimeEntity(headers, body);
    body = encryptEnveloped(document, recipient, cipher, keyTransport);
    headers = [
      { name: "Content-Type", value: 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"' },
      { name: "Content-Transfer-Encoding", value: "binary" },
      { name: "Content-Disposition", value: 'attachment; filename="smime.p7m"' },
    ];
  }
  return { headers, body, mic };
}

/** A multipart/signed document (RFC 1847 / RFC 5751) around a signed entity and its detached signature. */
export function signedDocument(
  signedEntity: Uint8Array,
  signature: Uint8Array,
  digest: DigestName,
): { headers: MimeHeader[]; body: Buffer } {
  const boundary = freshBoundary(signedEntity);
  const base64 = Buffer.from(signature)
    .toString("base64")
    .replace(/.{1,76}/g, "$&\r\n");
  const signaturePart = Buffer.from(
    'Content-Type: application/pkcs7-signature; name="smime.p7s"\r\n' +
      "Content-Transfer-Encoding: base64\r\n" +
      'Content-Disposition: attachment; filename="smime.p7s"\r\n\r\n' +
      base64,
    "latin1",
  );
  return {
    headers: [
      { name: "MIME-Version", value: "1.0" },
      {
        name: "Content-Type",
        value: `multipart/signed; protocol="application/pkcs7-signature"; micalg=${digests[digest].micalg}; boundary="${boundary}"`,
      },
    ],
    body: joinParts([signedEntity, signaturePart], boundary, "This is an S/MIME signed message\r\n\r\n"),
  };
}

/** A boundary that does not occur in the content (RFC 2046 requires it). */
export function freshBoundary(content: Uint8Array): string {
  for (;;) {
    const boundary = `----=_OpenVAN_${randomBytes(12).toString("hex")}`;
    if (Buffer.from(content).indexOf(boundary) < 0) return boundary;
  }
}
