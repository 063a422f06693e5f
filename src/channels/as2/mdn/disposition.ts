import type { ErrorCode } from "../../../kernel/index.js";

/** The error modifiers of RFC 4130 section 7.4.3 that OpenVAN reports. */
export type DispositionError =
  | "authentication-failed"
  | "decompression-failed"
  | "decryption-failed"
  | "insufficient-message-security"
  | "integrity-check-failed"
  | "unexpected-processing-error";

/** What the MDN says: processed, or processed with an error modifier and why. */
export type Disposition =
  | { readonly kind: "processed" }
  | { readonly kind: "error"; readonly error: DispositionError; readonly reason: string };

/** Which modifier an AS2 error code gets in the MDN. */
const byCode: Partial<Record<ErrorCode, DispositionError>> = {
  AS2_PARTNER_UNKNOWN: "authentication-failed",
  AS2_SIGNER_UNTRUSTED: "authentication-failed",
  AS2_SIGNATURE_INVALID: "integrity-check-failed",
  AS2_MESSAGE_INVALID: "unexpected-processing-error",
  AS2_DECRYPTION_FAILED: "decryption-failed",
  AS2_CMS_INVALID: "decryption-failed",
  AS2_ALGORITHM_REFUSED: "insufficient-message-security",
  AS2_DECOMPRESSION_FAILED: "decompression-failed",
};

export function dispositionFor(code: ErrorCode, reason: string): Disposition {
  return { kind: "error", error: byCode[code] ?? "unexpected-processing-error", reason };
}

/** The `Disposition:` field value. */
export function dispositionField(disposition: Disposition): string {
  const prefix = "automatic-action/MDN-sent-automatically; processed";
  return disposition.kind === "processed" ? prefix : `${prefix}/Error: ${disposition.error}`;
}
