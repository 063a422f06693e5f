import { newId } from "../../kernel/index.js";
import type { JobRecord, MetadataRepositories } from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { StagedJobHandler } from "../jobs/job-handler.js";
import type { NetworkContext } from "../network-context.js";
import { notificationBody } from "./notification-body.js";
import type { NotifyJobPayload } from "./notify-account.js";

/** The payload of a "webhook" job: one logged call to send. */
export interface WebhookJobPayload {
  readonly callId: string;
}

/** The payload of a "notify_email" job. */
export interface EmailJobPayload {
  readonly notificationId: string;
  readonly to: string;
  readonly notification: NotifyJobPayload;
}

/**
 * The notify job fans a notification out, in the transaction that completes it: one logged call (and one
 * "webhook" job) per active webhook of the account that wants this type, and one "notify_email" job when the
 * account wants it by e-mail and this node can send mail. Each target then fails and retries on its own, so a
 * dead URL never delays or repeats the others. The calls are keyed by the notification (the job's id), so a
 * second run adds nothing.
 */
export function notifyJobHandler(
  ctx: NetworkContext,
  options: { readonly email: boolean },
): StagedJobHandler<NotifyJobPayload, number> {
  return {
    async prepare(job: JobRecord) {
      return job.payload as unknown as NotifyJobPayload;
    },
    async apply(tx: MetadataRepositories, n: NotifyJobPayload, job: JobRecord) {
      const notificationId = job.id;
      const at = ctx.clock.now().toISOString();
      let targets = 0;
      const body = notificationBody(notificationId, n);
      for (const webhook of await tx.webhooks.listByAccount(n.accountId)) {
        if (!webhook.active || !webhook.events.includes(n.type)) continue;
        const callId = newId("whc_");
        const added = await tx.webhookCalls.insert({
          id: callId,
          webhookId: webhook.id,
          accountId: n.accountId,
          notificationId,
          type: n.type,
          body,
          state: "pending",
          attempts: 0,
          lastStatus: null,
          lastError: null,
          createdAt: at,
          updatedAt: at,
        });
        if (!added) continue;
        await enqueueJob(ctx, tx, "webhook", { callId } satisfies WebhookJobPayload);
        targets += 1;
      }
      const email = options.email ? await tx.notificationEmails.get(n.accountId) : null;
      if (email?.events.includes(n.type)) {
        const payload: EmailJobPayload = { notificationId, to: email.address, notification: n };
        await enqueueJob(ctx, tx, "notify_email", { ...payload });
        targets += 1;
      }
      return targets;
    },
  };
}
