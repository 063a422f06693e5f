import type { JobHandler } from "../jobs/job-handler.js";
import type { NetworkContext } from "../network-context.js";
import { emailJobHandler } from "../notifications/email-job-handler.js";
import type { NotificationMailer } from "../notifications/mailer.js";
import { notifyJobHandler } from "../notifications/notify-job-handler.js";
import { webhookJobHandler } from "../notifications/webhook-job-handler.js";
import { type DeliveryTransports, pushJobHandler } from "./push-job-handler.js";

export interface OutboundOptions {
  /** The transports deliveries can be pushed with, by endpoint kind (src/services registers them). */
  readonly transports: DeliveryTransports;
  /** Sends notification e-mails; null when no SMTP server is configured (then nobody is mailed). */
  readonly mailer: NotificationMailer | null;
}

/** The job handlers of what leaves the network on its own: pushes, notifications, webhooks, e-mails. */
export function outboundJobHandlers(
  ctx: NetworkContext,
  options: OutboundOptions,
): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    push: pushJobHandler(ctx, options.transports),
    notify: notifyJobHandler(ctx, { email: options.mailer !== null }),
    webhook: webhookJobHandler(ctx),
  };
  if (options.mailer !== null) handlers.notify_email = emailJobHandler(options.mailer);
  return handlers;
}
