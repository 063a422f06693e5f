import { OpenVanError } from "../../../kernel/index.js";
import type { DigestName } from "../smime/algorithms.js";
import type { ParsedCertificate } from "../smime/certificates.js";
import { verifyDetached } from "../smime/cms-signed.js";
import { headerValue, type MimeEntity, parseContentType, parseMimeEntity } from "../smime/mime-entity.js";
import { splitMultipart } from "../smime/multipart.js";
import { splitMultipartSigned } from "../smime/multipart-signed.js";

/** The fields of a partner's MDN that OpenVAN checks and keeps. */
export interface ReadMdn {
  readonly signed: boolean;
  readonly originalMessageId: string | null;
  readonly disposition: string;
  /** True for `processed` with no error or failure modifier (a warning still counts as processed). */
  readonly processed: boolean;
  readonly mic: string | null;
  readonly reportingUa: string | null;
}

/**
 * Reads an MDN (the HTTP response of a sync MDN, or the body POSTed for an async one). When `signers` is not
 * null the MDN must be signed by one of them; its signature is verified over the report byte-exactly.
 */
export function readMdn(
  top: MimeEntity,
  signers: readonly ParsedCertificate[] | null,
  digests: readonly DigestName[],
): ReadMdn {
  let report = top;
  let signed = false;
  const contentType = headerValue(top.headers, "content-type");
  if (parseContentType(contentType).type === "multipart/signed") {
    const parts = splitMultipartSigned(top.body, contentType ?? "");
    if (signers !== null) verifyDetached(parts.signed, parts.signature, signers, digests);
    signed = true;
    report = parseMimeEntity(parts.signed);
  } else if (signers !== null) {
    throw new OpenVanError("AS2_MDN_INVALID", "the MDN is not signed, yet a signed MDN was asked for");
  }
  const reportType = parseContentType(headerValue(report.headers, "content-type"));
  if (reportType.type !== "multipart/report" || reportType.params.boundary === undefined) {
    throw new OpenVanError("AS2_MDN_INVALID", `the MDN is ${reportType.type}, not multipart/report`);
  }
  const notification = splitMultipart(report.body, reportType.params.boundary)
    .map(parseMimeEntity)
    .find(
      (part) =>
        parseContentType(headerValue(part.headers, "content-type")).type ===
        "message/disposition-notification",
    );
  if (notification === undefined) {
    throw new OpenVanError("AS2_MDN_INVALID", "the MDN has no message/disposition-notification part");
  }
  const fields = parseMimeEntity(Buffer.concat([notification.body, Buffer.from("\r\n\r\n")])).headers;
  const disposition = headerValue(fields, "disposition");
  if (disposition === null) throw new OpenVanError("AS2_MDN_INVALID", "the MDN has no Disposition field");
  return {
    signed,
    originalMessageId: headerValue(fields, "original-message-id"),
    disposition,
    processed: /;\s*processed\s*(\/\s*warning\b.*)?$/i.test(disposition),
    mic: headerValue(fields, "received-content-mic"),
    reportingUa: headerValue(fields, "reporting-ua"),
  };
}
