import type { MetadataRepositories } from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { NetworkContext } from "../network-context.js";
import type { EventSubject } from "../record-event.js";

/** What an account can be told about, by webhook or e-mail. */
export type NotificationType = "mailbox.item" | "delivery.failed" | "ack.overdue" | "certificate.expiring";

export const notificationTypes: readonly NotificationType[] = [
  "mailbox.item",
  "delivery.failed",
  "ack.overdue",
  "certificate.expiring",
];

export interface Notification {
  readonly accountId: string;
  readonly type: NotificationType;
  readonly subject: EventSubject;
  readonly detail: Record<string, unknown>;
}

/** The payload of a "notify" job: the notification and when it happened. */
export interface NotifyJobPayload {
  readonly accountId: string;
  readonly type: NotificationType;
  readonly subject: EventSubject;
  readonly detail: Record<string, unknown>;
  readonly at: string;
}

/**
 * Tells an account that something happened: queues a "notify" job in the caller's transaction, so that the
 * notification exists exactly when the change it reports commits. The job finds the account's webhooks (and
 * notification e-mail address) and sends to each; sending never slows down or fails the caller.
 */
export function notifyAccount(ctx: NetworkContext, tx: MetadataRepositories, n: Notification): Promise<void> {
  const payload: NotifyJobPayload = {
    accountId: n.accountId,
    type: n.type,
    subject: n.subject,
    detail: n.detail,
    at: ctx.clock.now().toISOString(),
  };
  return enqueueJob(ctx, tx, "notify", { ...payload });
}
