import type { DigestName } from "../smime/algorithms.js";
import { freshBoundary, signedDocument } from "../smime/build-smime.js";
import { type Signer, signDetached } from "../smime/cms-signed.js";
import { buildMimeEntity, type MimeHeader } from "../smime/mime-entity.js";
import { joinParts } from "../smime/multipart.js";
import { type Disposition, dispositionField } from "./disposition.js";

export interface MdnFacts {
  /** Reporting-UA: `OpenVAN/<version>`. */
  readonly reportingUa: string;
  /** The AS2 id the message was sent to (Final-Recipient). */
  readonly recipient: string;
  readonly originalMessageId: string;
  readonly disposition: Disposition;
  /** `base64, sha-256`, when a MIC was computed (always when the message could be read). */
  readonly mic: string | null;
}

/** An MDN ready for the wire: MIME headers that go into the HTTP headers, and the body. */
export interface BuiltMdn {
  readonly headers: readonly MimeHeader[];
  readonly body: Uint8Array;
}

/**
 * A message disposition notification (RFC 3798 as RFC 4130 section 7 uses it): multipart/report with a
 * human-readable part and the machine-readable message/disposition-notification, signed when `sign` is given.
 */
export function buildMdn(
  facts: MdnFacts,
  sign: { signer: Signer; digest: DigestName; at: Date } | null,
): BuiltMdn {
  const text =
    facts.disposition.kind === "processed"
      ? `The AS2 message ${facts.originalMessageId} was received and processed. The MIC is returned for non-repudiation.`
      : `The AS2 message ${facts.originalMessageId} was not processed: ${facts.disposition.reason}`;
  const fields = [
    `Reporting-UA: ${facts.reportingUa}`,
    `Original-Recipient: rfc822; ${facts.recipient}`,
    `Final-Recipient: rfc822; ${facts.recipient}`,
    `Original-Message-ID: ${facts.originalMessageId}`,
    `Disposition: ${dispositionField(facts.disposition)}`,
    ...(facts.mic === null ? [] : [`Received-Content-MIC: ${facts.mic}`]),
  ];
  const human = Buffer.from(
    `Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${ascii(text)}\r\n`,
    "latin1",
  );
  const machine = Buffer.from(
    `Content-Type: message/disposition-notification\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${fields.map(ascii).join("\r\n")}\r\n`,
    "latin1",
  );
  const boundary = freshBoundary(Buffer.concat([human, machine]));
  const reportHeaders: MimeHeader[] = [
    {
      name: "Content-Type",
      value: `multipart/report; report-type=disposition-notification; boundary="${boundary}"`,
    },
  ];
  const reportBody = joinParts([human, machine], boundary);
  if (sign === null)
    return { headers: [{ name: "MIME-Version", value: "1.0" }, ...reportHeaders], body: reportBody };
  const report = buildMimeEntity(reportHeaders, reportBody);
  return signedDocument(report, signDetached(report, sign.signer, sign.digest, sign.at), sign.digest);
}

/** Header and field values stay 7-bit, one line: a partner's text is never trusted to be either. */
function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}
