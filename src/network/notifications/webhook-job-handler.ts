import { OpenVanError } from "../../kernel/index.js";
import type { SimpleJobHandler } from "../jobs/job-handler.js";
import type { NetworkContext } from "../network-context.js";
import { outboundFetch } from "../outbound/outbound-fetch.js";
import { outboundGuard } from "../outbound/outbound-guard.js";
import { findOutboundRefusal } from "../outbound/outbound-refused.js";
import type { WebhookJobPayload } from "./notify-job-handler.js";
import { signWebhook, webhookHeaders } from "./sign-webhook.js";

/** How long a webhook's URL has to answer. */
export const webhookTimeoutMs = 10_000;

/**
 * The webhook job: POSTs one logged call, signed, and records the outcome in the log. A 2xx answer delivers
 * it; anything else (another status, a redirect, no answer in time) is retried by the job runner with
 * backoff, and after the last attempt the call is logged `failed` and the job goes to the dead letters. A URL
 * whose host is (or resolves to) an address the operator does not allow is not called: the call is logged
 * `failed` with the reason at once and the job goes to the dead letters, since another attempt would be
 * refused the same way.
 */
export function webhookJobHandler(ctx: NetworkContext): SimpleJobHandler {
  const post = outboundFetch(outboundGuard(ctx.settings.outboundAllow));
  return async (job) => {
    const { callId } = job.payload as unknown as WebhookJobPayload;
    const call = await ctx.store.webhookCalls.get(callId);
    if (call === null || call.state !== "pending") return;
    const webhook = await ctx.store.webhooks.get(call.webhookId);
    const record = (state: "delivered" | "failed" | "pending", status: number | null, error: string | null) =>
      ctx.store.webhookCalls.recordAttempt(call.id, {
        state,
        status,
        error,
        at: ctx.clock.now().toISOString(),
      });
    if (webhook === null || !webhook.active) {
      await record("failed", null, "the webhook was removed or deactivated before the call was sent");
      return;
    }
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
    let status: number | null = null;
    let error: string;
    try {
      const response = await post(webhook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "OpenVAN-Webhook",
          [webhookHeaders.signature]: signWebhook(webhook.secret, timestamp, call.body),
          [webhookHeaders.timestamp]: String(timestamp),
          [webhookHeaders.event]: call.type,
          [webhookHeaders.delivery]: call.id,
        },
        body: call.body,
        redirect: "manual",
        signal: AbortSignal.timeout(webhookTimeoutMs),
      });
      status = response.status;
      // Read (and drop) the answer so that the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (status >= 200 && status < 300) {
        await record("delivered", status, null);
        return;
      }
      error = `${webhook.url} answered ${status}`;
    } catch (cause) {
      const refusal = findOutboundRefusal(cause);
      if (refusal !== null) {
        const at = ctx.clock.now().toISOString();
        await record("failed", null, `${webhook.url} was not called: ${refusal.message}`);
        await ctx.store.jobs.bury(job.id, job.worker ?? "", refusal.message, at);
        return;
      }
      error = `${webhook.url} did not answer: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
    const last = job.attempts >= job.maxAttempts;
    await record(last ? "failed" : "pending", status, error);
    throw new OpenVanError("WEBHOOK_SEND_FAILED", error, { webhookId: webhook.id, callId: call.id, status });
  };
}
