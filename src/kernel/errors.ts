import { type ErrorCode, errorCatalogue } from "./error-catalogue.js";

/** Whether retrying the same request can succeed (transient), cannot (permanent), or OpenVAN is at fault (bug). */
export type ErrorCategory = "permanent" | "transient" | "bug";

/**
 * The one exception type OpenVAN throws on purpose. Its code comes from the catalogue, which fixes its
 * category and HTTP status; the message says what went wrong and where.
 */
export class OpenVanError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly httpStatus: number;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    const entry = errorCatalogue[code];
    this.name = "OpenVanError";
    this.code = code;
    this.category = entry.category;
    this.httpStatus = entry.httpStatus;
    this.details = Object.freeze({ ...details });
  }
}

export function isOpenVanError(value: unknown): value is OpenVanError {
  return value instanceof OpenVanError;
}
