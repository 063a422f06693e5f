import type { ErrorCategory } from "./errors.js";

export interface CatalogueEntry {
  readonly category: ErrorCategory;
  readonly httpStatus: number;
  /** One line for docs/errors.md: when the error happens. */
  readonly summary: string;
}

/**
 * Every error a user can cause, with a stable code. docs/errors.md lists the same codes; a test keeps the
 * two in sync. EDI syntax codes also carry the X12 / EDIFACT acknowledgment codes (see src/edi/syntax-error-codes.ts).
 */
export const errorCatalogue = {
  // EDI syntax and envelopes: partner data, so always permanent for the message that carries them.
  EDI_NO_ENVELOPE: edi("The input holds no X12 ISA or EDIFACT UNA/UNB interchange header."),
  EDI_UNEXPECTED_DATA: edi(
    "Bytes outside any interchange that do not start an envelope (before, between or after).",
  ),
  EDI_TRUNCATED: edi("The input ends inside a segment or inside the ISA header."),
  EDI_SEGMENT_TOO_LONG: edi("A segment is longer than the reader's limit; it is skipped."),
  EDI_BINARY_LENGTH_INVALID: edi(
    "A BIN/BDS binary segment's length is not a number or does not end at a segment terminator.",
  ),
  EDI_INVALID_SEGMENT_TAG: edi("A segment tag is not 2-3 letters/digits (X12) or 3 letters (EDIFACT)."),
  EDI_ISA_INVALID: edi(
    "The ISA header is malformed: delimiters cannot be determined or elements are missing.",
  ),
  EDI_ISA_FIELD_WIDTH: edi("An ISA element does not have its fixed width."),
  EDI_ISA_FIELD_VALUE: edi("An ISA element holds a value the standard does not allow (version, flags)."),
  EDI_UNA_INVALID: edi("The UNA service string advice is malformed or repeats a delimiter."),
  EDI_HEADER_INVALID: edi("An envelope header (GS, UNB, UNG, ST, UNH) lacks a required element."),
  EDI_INTERCHANGE_HEADER_MISSING: edi(
    "Segments or a UNA appear where an interchange header (ISA, UNB) is required.",
  ),
  EDI_INTERCHANGE_TRAILER_MISSING: edi(
    "An interchange has no IEA/UNZ trailer before the next interchange or the end.",
  ),
  EDI_INTERCHANGE_COUNT_MISMATCH: edi(
    "IEA01/UNZ01 differs from the number of groups (or messages) in the interchange.",
  ),
  EDI_INTERCHANGE_CONTROL_MISMATCH: edi(
    "IEA02/UNZ02 differs from the interchange control number in ISA13/UNB05.",
  ),
  EDI_GROUP_TRAILER_MISSING: edi("A functional group has no GE/UNE trailer."),
  EDI_GROUP_COUNT_MISMATCH: edi("GE01/UNE01 differs from the number of transaction sets in the group."),
  EDI_GROUP_CONTROL_MISMATCH: edi("GE02/UNE02 differs from the group control number in GS06/UNG05."),
  EDI_SET_TRAILER_MISSING: edi("A transaction set (ST/UNH) has no SE/UNT trailer."),
  EDI_SET_COUNT_MISMATCH: edi(
    "SE01/UNT01 differs from the number of segments in the set, header and trailer included.",
  ),
  EDI_SET_CONTROL_MISMATCH: edi("SE02/UNT02 differs from the set control number in ST02/UNH01."),
  EDI_SEGMENT_OUTSIDE_SET: edi(
    "A segment stands outside any transaction set or message, or a trailer has no header.",
  ),
  EDI_GROUPS_AND_MESSAGES_MIXED: edi("An EDIFACT interchange mixes UNG groups with messages outside groups."),
  EDI_SEGMENT_NOT_IN_SET: edi(
    "A segment's tag is not part of the transaction set or message its implementation guide describes.",
  ),
  EDI_SEGMENT_UNEXPECTED: edi(
    "A segment of the transaction set stands where its implementation guide does not allow it.",
  ),
  EDI_SEGMENT_OUT_OF_ORDER: edi(
    "A segment comes after segments that its implementation guide places after it.",
  ),
  EDI_SEGMENT_MISSING: edi("A segment (or loop) that the implementation guide makes mandatory is missing."),
  EDI_LOOP_REPEATS_EXCEEDED: edi(
    "A loop (segment group) repeats more often than its implementation guide allows.",
  ),
  EDI_SEGMENT_REPEATS_EXCEEDED: edi("A segment repeats more often than its implementation guide allows."),
  EDI_ELEMENT_MISSING: edi("A mandatory data element or component is empty or absent."),
  EDI_ELEMENT_CONDITION_MISSING: edi(
    "A data element required by a syntax note (paired, required, conditional) is missing.",
  ),
  EDI_ELEMENT_EXCLUSION_VIOLATED: edi(
    "More than one data element of an exclusion syntax note (E) is present.",
  ),
  EDI_ELEMENT_NOT_USED: edi("A data element that the implementation guide marks as not used is present."),
  EDI_ELEMENT_TOO_MANY: edi("A segment has more data elements than its definition."),
  EDI_COMPONENTS_TOO_MANY: edi("A composite data element has more components than its definition."),
  EDI_ELEMENT_REPEATS_EXCEEDED: edi("A data element repeats more often than its definition allows."),
  EDI_ELEMENT_TOO_SHORT: edi("A data element is shorter than its minimum length."),
  EDI_ELEMENT_TOO_LONG: edi("A data element is longer than its maximum length."),
  EDI_ELEMENT_INVALID_CHARACTER: edi(
    "A data element holds a character its data type does not allow (numeric, decimal, alphabetic).",
  ),
  EDI_ELEMENT_INVALID_CODE: edi("A data element holds a value that is not in its code list."),
  EDI_ELEMENT_INVALID_DATE: edi("A date element is not a calendar date (CCYYMMDD or YYMMDD)."),
  EDI_ELEMENT_INVALID_TIME: edi("A time element is not a time of day (HHMM, HHMMSS, HHMMSSd..)."),
  EDI_HL_HIERARCHY_INVALID: edi(
    "An HL segment breaks the hierarchy: HL01 not sequential, HL02 not an earlier HL01, or HL03 not allowed.",
  ),
  EDI_WRITE_DELIMITER_IN_DATA: edi(
    "A value to write contains a delimiter that the interchange cannot escape (X12 has no release character).",
  ),
  // Implementation guides.
  GUIDE_INVALID: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An implementation guide (JSON) does not have the guide format; the message names the file and the path inside it.",
  },
  GUIDE_NOT_FOUND: {
    category: "permanent",
    httpStatus: 404,
    summary:
      "No implementation guide has the id given (for --guide, or as the guide a partner guide extends).",
  },
  GUIDE_ID_TAKEN: {
    category: "permanent",
    httpStatus: 409,
    summary: "The account already has a partner guide with this guide id (the `id` inside the guide).",
  },
  // Network and storage.
  IDENTITY_TAKEN: {
    category: "permanent",
    httpStatus: 409,
    summary: "The identity (qualifier and id) already belongs to an account.",
  },
  BLOB_NOT_FOUND: {
    category: "permanent",
    httpStatus: 404,
    summary: "A stored message's bytes are no longer there (removed by retention).",
  },
  BLOB_TOO_LARGE: {
    category: "permanent",
    httpStatus: 413,
    summary: "An upload is larger than the configured limit; nothing was stored.",
  },
  STORAGE_UNAVAILABLE: {
    category: "transient",
    httpStatus: 503,
    summary: "The database or blob store did not answer; retry later.",
  },
  MESSAGE_EMPTY: { category: "permanent", httpStatus: 400, summary: "A message has no bytes." },
  MESSAGE_RECIPIENT_REQUIRED: {
    category: "permanent",
    httpStatus: 400,
    summary: "A file that is not X12 or EDIFACT needs an explicit recipient (X-OpenVAN-To).",
  },
  MESSAGE_RECIPIENT_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary: "The explicit recipient is not of the form QUAL:ID.",
  },
  MESSAGE_EDI_INVALID: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An X12/EDIFACT message has an envelope fault that makes it unroutable (truncated, no trailer, bad ISA/UNA); nothing was stored.",
  },
  NOT_FOUND: { category: "permanent", httpStatus: 404, summary: "No such item for this account." },
  UNAUTHENTICATED: {
    category: "permanent",
    httpStatus: 401,
    summary: "No valid API key or session was presented (unknown, revoked, expired or malformed).",
  },
  FORBIDDEN: { category: "permanent", httpStatus: 403, summary: "The API key's scope does not allow this." },
  LOGIN_FAILED: {
    category: "permanent",
    httpStatus: 401,
    summary:
      "The e-mail address and password do not match an active user (the answer does not say which part was wrong).",
  },
  LOGIN_THROTTLED: {
    category: "transient",
    httpStatus: 429,
    summary:
      "Too many failed logins for this e-mail address from this address; Retry-After says when to try again.",
  },
  USER_EMAIL_TAKEN: {
    category: "permanent",
    httpStatus: 409,
    summary: "Another user of the network already has this e-mail address.",
  },
  REQUEST_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "A request's parameters, query or JSON body do not match the API's schema; `details` names the field.",
  },
  REQUEST_HEADERS_TOO_LARGE: {
    category: "permanent",
    httpStatus: 431,
    summary: "A request's headers are larger than the configured limit (OPENVAN_MAX_HEADER_SIZE).",
  },
  RANGE_NOT_SATISFIABLE: {
    category: "permanent",
    httpStatus: 416,
    summary: "A download's Range header asks for bytes outside the item.",
  },
  INTERNAL_ERROR: {
    category: "bug",
    httpStatus: 500,
    summary: "OpenVAN failed in a way it did not foresee; the request may be retried, and the log says more.",
  },
  // Configuration.
  CONFIG_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "A setting (command-line flag or OPENVAN_* environment variable) has a value OpenVAN cannot use.",
  },
  EDI_WRITE_VALUE_TOO_LONG: edi("A value to write is longer than its fixed-width field (ISA elements)."),
  // Command line.
  CLI_PATH_NOT_FOUND: {
    category: "permanent",
    httpStatus: 400,
    summary: "A path given on the command line does not exist.",
  },
  CLI_FILE_UNREADABLE: {
    category: "permanent",
    httpStatus: 400,
    summary: "A file given on the command line, or found in a folder given there, cannot be read.",
  },
  CLI_API_KEY_MISSING: {
    category: "permanent",
    httpStatus: 401,
    summary: "A command that talks to a server has no API key: pass --key or set OPENVAN_API_KEY.",
  },
  CLI_SERVER_UNREACHABLE: {
    category: "transient",
    httpStatus: 503,
    summary:
      "The server named by --url or OPENVAN_URL gave no answer (connection refused, unknown host, connection closed); the command exits 3.",
  },
  CLI_PICKUP_FAILED: {
    category: "transient",
    httpStatus: 502,
    summary:
      "A mailbox item could not be downloaded whole or saved; it is not confirmed and stays in the mailbox for the next pickup.",
  },
  // Outbound push and notifications.
  PUSH_FAILED: {
    category: "transient",
    httpStatus: 502,
    summary:
      "Pushing a delivery to the recipient's AS2 or SFTP endpoint failed (no answer, dropped connection, server error); it is retried with backoff.",
  },
  PUSH_REJECTED: {
    category: "permanent",
    httpStatus: 502,
    summary:
      "The recipient's endpoint refused a pushed delivery, or the endpoint's settings cannot work; it is not retried (re-push it once fixed).",
  },
  DELIVERY_NOT_PUSH_FAILED: {
    category: "permanent",
    httpStatus: 409,
    summary: "A re-push was asked for a delivery that is not in state `push_failed`.",
  },
  PUSH_ENDPOINT_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary: "A push endpoint's kind or settings are not usable (unknown kind, missing host/URL, bad port).",
  },
  WEBHOOK_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary: "A webhook's URL is not http(s), its secret is too short, or an event type is unknown.",
  },
  WEBHOOK_SEND_FAILED: {
    category: "transient",
    httpStatus: 502,
    summary:
      "A webhook's URL did not answer with a 2xx status in time; the call is retried with backoff and logged.",
  },
  OUTBOUND_ADDRESS_REFUSED: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "A webhook, push endpoint, SFTP host or async MDN URL is, or resolves to, an address that is not public (loopback, private, link-local, reserved…) and OPENVAN_OUTBOUND_ALLOW does not allow it; nothing is sent and it is not retried.",
  },
  EMAIL_SEND_FAILED: {
    category: "transient",
    httpStatus: 502,
    summary: "The SMTP server did not accept a notification e-mail; it is retried with backoff.",
  },
  // AS2 channel.
  AS2_MESSAGE_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "An AS2 request lacks a required header (AS2-From, AS2-To, Message-ID) or its MIME structure is broken or cut off (no closing boundary, no body).",
  },
  AS2_PARTNER_UNKNOWN: {
    category: "permanent",
    httpStatus: 403,
    summary:
      "An AS2 message names an AS2-To that is not this network or an AS2-From with no partner profile (MDN: authentication-failed).",
  },
  AS2_SIGNATURE_INVALID: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An AS2 message's or MDN's signature does not verify, or its content digest differs (MDN: integrity-check-failed).",
  },
  AS2_SIGNER_UNTRUSTED: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An AS2 message or MDN is signed by a certificate that is not in the partner's profile (MDN: authentication-failed).",
  },
  AS2_DECRYPTION_FAILED: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An AS2 message is not encrypted for this network's certificate, or cannot be decrypted with it (MDN: decryption-failed).",
  },
  AS2_ALGORITHM_REFUSED: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An AS2 message uses an algorithm, or lacks a signature or encryption, that the partner's profile does not allow (MDN: insufficient-message-security).",
  },
  AS2_DECOMPRESSION_FAILED: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An AS2 message's compressed data (RFC 5402) cannot be inflated or is larger than allowed (MDN: decompression-failed).",
  },
  AS2_CMS_INVALID: {
    category: "permanent",
    httpStatus: 422,
    summary:
      "An S/MIME part is not the CMS structure it claims to be (bad DER, wrong content type, missing fields).",
  },
  AS2_MDN_INVALID: {
    category: "permanent",
    httpStatus: 502,
    summary:
      "A partner's MDN cannot be read, does not verify, names another message, or its MIC differs from the one sent.",
  },
  AS2_MDN_NEGATIVE: {
    category: "permanent",
    httpStatus: 502,
    summary:
      "A partner's MDN reports that it did not process the message (a failed or error disposition), which it names.",
  },
  AS2_CERTIFICATE_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "A certificate or private key to import is not PEM, DER or PKCS#12 OpenVAN can read, is not RSA, or the key does not match the certificate.",
  },
  AS2_PKCS12_PASSWORD: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "A PKCS#12 (.p12/.pfx) file to import needs a password, or the password given does not open it (its MAC does not verify).",
  },
  AS2_ID_TAKEN: {
    category: "permanent",
    httpStatus: 409,
    summary: "The AS2 id is already used by this network or by another account's profile.",
  },
  // SFTP channel: logins and keys.
  SSH_KEY_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "An SSH public key cannot be used: not an OpenSSH public key line, a private key, a type OpenVAN does not take (DSA, certificates), or RSA shorter than 2048 bits.",
  },
  SSH_KEY_DUPLICATE: {
    category: "permanent",
    httpStatus: 409,
    summary: "The account has this SSH public key (same fingerprint) already.",
  },
  SFTP_USERNAME_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary:
      "An SFTP username is not 1-64 characters of lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit.",
  },
  SFTP_USERNAME_TAKEN: {
    category: "permanent",
    httpStatus: 409,
    summary: "The SFTP username belongs to another account.",
  },
  SFTP_PASSWORD_INVALID: {
    category: "permanent",
    httpStatus: 400,
    summary: "An SFTP password is shorter than 12 or longer than 1024 characters.",
  },
  // Programming errors: a caller broke a contract of OpenVAN's own code.
  INTERNAL_INVALID_ARGUMENT: {
    category: "bug",
    httpStatus: 500,
    summary: "OpenVAN code called a function with an argument it does not accept.",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

function edi(summary: string): CatalogueEntry {
  return { category: "permanent", httpStatus: 422, summary };
}
