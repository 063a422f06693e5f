import { OpenVanError } from "../../../kernel/index.js";
import { decodeBody, type MimeEntity, parseContentType, parseMimeEntity } from "./mime-entity.js";
import { splitMultipart } from "./multipart.js";

/** The two parts of a multipart/signed body (RFC 1847): the signed entity, byte-exact, and the signature. */
export interface SignedParts {
  /** Every byte between the first delimiter line and the CRLF before the second: what was signed. */
  readonly signed: Uint8Array;
  /** The signature part's body, decoded (DER of a CMS SignedData). */
  readonly signature: Uint8Array;
  readonly signatureEntity: MimeEntity;
}

/**
 * Splits a multipart/signed body by its boundary, byte for byte. OpenSSL's own S/MIME reader cannot be used:
 * it drops or keeps the wrong CR when binary content ends in a bare LF. Here the CRLF (or LF) right before a
 * delimiter always belongs to the delimiter (RFC 2046 section 5.1.1), and nothing else is touched.
 */
export function splitMultipartSigned(body: Uint8Array, contentType: string): SignedParts {
  const { params } = parseContentType(contentType);
  const boundary = params.boundary;
  if (boundary === undefined || boundary === "") {
    throw new OpenVanError("AS2_MESSAGE_INVALID", "the multipart/signed Content-Type has no boundary");
  }
  const parts = splitMultipart(body, boundary);
  const [signed, signaturePart] = parts;
  if (parts.length !== 2 || signed === undefined || signaturePart === undefined) {
    throw new OpenVanError(
      "AS2_MESSAGE_INVALID",
      `a multipart/signed body must have 2 parts; it has ${parts.length}`,
    );
  }
  const signatureEntity = parseMimeEntity(signaturePart);
  return { signed, signature: decodeBody(signatureEntity), signatureEntity };
}
