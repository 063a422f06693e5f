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
  EDI_WRITE_DELIMITER_IN_DATA: edi(
    "A value to write contains a delimiter that the interchange cannot escape (X12 has no release character).",
  ),
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
  UNAUTHENTICATED: { category: "permanent", httpStatus: 401, summary: "No valid API key was presented." },
  FORBIDDEN: { category: "permanent", httpStatus: 403, summary: "The API key's scope does not allow this." },
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
