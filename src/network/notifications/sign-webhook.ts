import { createHmac, timingSafeEqual } from "node:crypto";

/** The header names of a webhook call. */
export const webhookHeaders = {
  signature: "x-openvan-signature",
  timestamp: "x-openvan-timestamp",
  event: "x-openvan-event",
  delivery: "x-openvan-delivery",
} as const;

/**
 * The signature of a webhook call: `sha256=` and the hex HMAC-SHA256, keyed by the webhook's secret, of the
 * timestamp (Unix seconds), a dot and the exact body. Signing the timestamp lets a receiver refuse replays of
 * an old call.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Whether `signature` is the right one for this timestamp and body, compared in constant time. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
