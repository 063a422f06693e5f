import { OpenVanError } from "../../kernel/index.js";
import type { DeliveryRecord } from "../../storage/ports/index.js";

/** The protocols a delivery can be pushed over to a recipient's own server (or another network). */
export type PushKind = "as2" | "sftp";

/** Where an account wants its deliveries pushed: one active endpoint per account. */
export interface PushEndpoint {
  readonly id: string;
  readonly accountId: string;
  readonly kind: PushKind;
  /** What the transport of `kind` needs (URL, host, AS2 ids, folder…); each transport checks its own. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** What the far side answered to a push, kept in the delivery's `delivery.delivered` event. */
export interface PushReceipt {
  /** E.g. the MDN's message id and MIC, or the remote path written. */
  readonly detail: Record<string, unknown>;
}

/**
 * Pushes deliveries over one protocol. The push job calls it, and calls it again after a failure or a crash,
 * always with the same delivery id: a transport must make a second push of one delivery harmless (e.g. the
 * same AS2 Message-ID, the same remote file name written through a temporary name).
 */
export interface DeliveryTransport {
  readonly kind: PushKind;
  /** Pushes the delivery's bytes; throws PushError(permanent: boolean) on failure. Must be idempotent per delivery id. */
  push(
    delivery: DeliveryRecord,
    endpoint: PushEndpoint,
    content: () => Promise<AsyncIterable<Uint8Array>>,
  ): Promise<PushReceipt>;
}

/**
 * A push that failed. `permanent`: trying again cannot help (the far side refused the content, the settings
 * are wrong), so the push job gives up at once instead of retrying; otherwise (no answer, a 5xx, a dropped
 * connection) it retries with backoff.
 */
export class PushError extends OpenVanError {
  readonly permanent: boolean;

  constructor(
    message: string,
    permanent: boolean,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(permanent ? "PUSH_REJECTED" : "PUSH_FAILED", message, details, options);
    this.name = "PushError";
    this.permanent = permanent;
  }
}

export function isPushError(value: unknown): value is PushError {
  return value instanceof PushError;
}
