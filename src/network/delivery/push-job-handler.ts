import { isOpenVanError } from "../../kernel/index.js";
import type { DeliveryRecord, JobRecord, PushEndpointRecord } from "../../storage/ports/index.js";
import type { SimpleJobHandler } from "../jobs/job-handler.js";
import { backoffMs } from "../jobs/job-runner.js";
import { openMailboxItem } from "../mailbox/mailbox.js";
import type { NetworkContext } from "../network-context.js";
import { notifyAccount } from "../notifications/notify-account.js";
import { deliverySubject, recordEvent } from "../record-event.js";
import { type DeliveryTransport, PushError, type PushKind, type PushReceipt } from "./transport.js";

/** The transports a node can push over, by endpoint kind; src/services registers them. */
export type DeliveryTransports = Readonly<Partial<Record<PushKind, DeliveryTransport>>>;

/** The payload of a "push" job. */
export interface PushJobPayload {
  readonly deliveryId: string;
}

/**
 * The push job: streams a delivery's bytes to the recipient's active endpoint over its transport. A failed
 * attempt is recorded as an event and retried by the job runner with its backoff; a permanent failure, or the
 * last attempt, moves the delivery to `push_failed`, notifies both accounts and buries the job (dead letter).
 * The push happens outside any transaction (it may take long); a crash after it and before its record
 * commits makes the job push again with the same delivery id, which the transports treat as one delivery.
 */
export function pushJobHandler(ctx: NetworkContext, transports: DeliveryTransports): SimpleJobHandler {
  return async (job) => {
    const { deliveryId } = job.payload as unknown as PushJobPayload;
    const delivery = await ctx.store.deliveries.get(deliveryId);
    // Pushed already, given up, or removed by retention: nothing left to do.
    if (delivery === null || delivery.state !== "pushing") return;
    let endpoint: PushEndpointRecord | null = null;
    let receipt: PushReceipt;
    try {
      endpoint = await ctx.store.pushEndpoints.findActive(delivery.recipientAccountId);
      if (endpoint === null)
        throw new PushError("the recipient has no active push endpoint any more", true, {
          accountId: delivery.recipientAccountId,
        });
      const transport = transports[endpoint.kind];
      if (transport === undefined)
        throw new PushError(`this node has no ${endpoint.kind} transport to push with`, true, {
          kind: endpoint.kind,
        });
      receipt = await transport.push(
        delivery,
        { id: endpoint.id, accountId: endpoint.accountId, kind: endpoint.kind, settings: endpoint.settings },
        () => openMailboxItem(ctx, delivery),
      );
    } catch (error) {
      const final = await recordFailure(ctx, job, delivery, endpoint, error);
      if (final) return;
      throw error;
    }
    const at = ctx.clock.now().toISOString();
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.deliveries.transition(delivery.id, ["pushing"], "delivered"))) return;
      await recordEvent(tx, "delivery.delivered", at, deliverySubject(delivery), {
        attempt: job.attempts,
        endpointId: endpoint.id,
        route: endpoint.kind,
        receipt: receipt.detail,
      });
    });
  };
}

/**
 * Records a failed attempt. Returns true when it was the last one (permanent, or no attempts left): then the
 * delivery is `push_failed`, both accounts are told, and the job is buried in the same transaction.
 */
async function recordFailure(
  ctx: NetworkContext,
  job: JobRecord,
  delivery: DeliveryRecord,
  endpoint: PushEndpointRecord | null,
  error: unknown,
): Promise<boolean> {
  const permanent =
    error instanceof PushError ? error.permanent : isOpenVanError(error) && error.category === "permanent";
  const final = permanent || job.attempts >= job.maxAttempts;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const message = error instanceof Error ? error.message : String(error);
  const failure = {
    attempt: job.attempts,
    maxAttempts: job.maxAttempts,
    endpointId: endpoint?.id ?? null,
    code: isOpenVanError(error) ? error.code : "PUSH_FAILED",
    permanent,
    error: message,
    ...(isOpenVanError(error) && Object.keys(error.details).length > 0 ? { details: error.details } : {}),
  };
  const subject = deliverySubject(delivery);
  await ctx.store.transaction(async (tx) => {
    await recordEvent(tx, "delivery.push_attempt_failed", at, subject, {
      ...failure,
      retryAt: final ? null : new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
    });
    if (!final) return;
    if (!(await tx.deliveries.transition(delivery.id, ["pushing"], "push_failed"))) return;
    await recordEvent(tx, "delivery.push_failed", at, subject, failure);
    const accounts = new Set([delivery.recipientAccountId, delivery.senderAccountId]);
    for (const accountId of accounts) {
      await notifyAccount(ctx, tx, {
        accountId,
        type: "delivery.failed",
        subject: { ...subject, accountId },
        detail: {
          from: delivery.fromIdentity,
          to: delivery.toIdentity,
          route: delivery.route,
          attempts: job.attempts,
          error: message,
        },
      });
    }
    await tx.jobs.bury(job.id, job.worker ?? "", `push failed for good: ${message}`, at);
  });
  return final;
}
