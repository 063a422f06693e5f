import { randomBytes } from "node:crypto";
import { newId, OpenVanError } from "../../kernel/index.js";
import type { Page, WebhookCallRecord, WebhookRecord } from "../../storage/ports/index.js";
import { accountOrNotFound } from "../accounts/account-or-not-found.js";
import { forgetRecipientOutbound } from "../delivery/recipient-outbound.js";
import type { NetworkContext } from "../network-context.js";
import { checkOutboundUrl } from "../outbound/check-outbound-target.js";
import { recordEvent } from "../record-event.js";
import { type NotificationType, notificationTypes } from "./notify-account.js";

export interface WebhookInput {
  readonly url: string;
  /** At least 16 characters; a random one is made when omitted. */
  readonly secret?: string;
  /** Default: every notification type. */
  readonly events?: readonly string[];
}

function invalid(message: string, field: string): OpenVanError {
  return new OpenVanError("WEBHOOK_INVALID", message, { field });
}

/** Checks a list of notification types; every one must be known. */
export function checkNotificationTypes(events: readonly string[], field = "events"): NotificationType[] {
  if (events.length === 0) throw invalid("name at least one notification type", field);
  for (const type of events) {
    if (!(notificationTypes as readonly string[]).includes(type))
      throw invalid(
        `unknown notification type ${JSON.stringify(type)}; known: ${notificationTypes.join(", ")}`,
        field,
      );
  }
  return [...new Set(events)] as NotificationType[];
}

/**
 * Subscribes an account to notifications at a URL. The secret is returned here and in listings for its owner.
 * A URL naming an address the network does not call (127.0.0.1, localhost, 169.254.169.254…) is refused here.
 */
export async function createWebhook(
  ctx: NetworkContext,
  accountId: string,
  input: WebhookInput,
): Promise<WebhookRecord> {
  const url = URL.canParse(input.url) ? new URL(input.url) : null;
  if (url === null || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw invalid("a webhook's url is an absolute http(s) URL", "url");
  checkOutboundUrl(ctx.settings.outboundAllow, url.toString(), "url");
  const secret = input.secret ?? randomBytes(24).toString("base64url");
  if (secret.length < 16) throw invalid("a webhook's secret has at least 16 characters", "secret");
  const webhook: WebhookRecord = {
    id: newId("whk_"),
    accountId,
    url: url.toString(),
    secret,
    events: checkNotificationTypes(input.events ?? notificationTypes),
    active: true,
    createdAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, accountId);
    await tx.webhooks.insert(webhook);
    await recordEvent(
      tx,
      "webhook.added",
      webhook.createdAt,
      { accountId },
      {
        webhookId: webhook.id,
        url: webhook.url,
        events: webhook.events,
      },
    );
  });
  forgetRecipientOutbound(ctx, accountId);
  return webhook;
}

export function listWebhooks(ctx: NetworkContext, accountId: string): Promise<readonly WebhookRecord[]> {
  return ctx.store.webhooks.listByAccount(accountId);
}

/** A webhook of the account; NOT_FOUND for another account's (admins may see any). */
export async function getWebhook(
  ctx: NetworkContext,
  who: { readonly accountId: string; readonly scope: string },
  id: string,
): Promise<WebhookRecord> {
  const webhook = await ctx.store.webhooks.get(id);
  if (webhook === null || (who.scope !== "admin" && webhook.accountId !== who.accountId))
    throw new OpenVanError("NOT_FOUND", `no webhook ${id}`);
  return webhook;
}

export async function setWebhookActive(
  ctx: NetworkContext,
  who: { readonly accountId: string; readonly scope: string },
  id: string,
  active: boolean,
): Promise<WebhookRecord> {
  const webhook = await getWebhook(ctx, who, id);
  await ctx.store.transaction(async (tx) => {
    await tx.webhooks.setActive(id, active);
    await recordEvent(
      tx,
      "webhook.changed",
      ctx.clock.now().toISOString(),
      { accountId: webhook.accountId },
      {
        webhookId: id,
        active,
      },
    );
  });
  forgetRecipientOutbound(ctx, webhook.accountId);
  return { ...webhook, active };
}

export async function deleteWebhook(
  ctx: NetworkContext,
  who: { readonly accountId: string; readonly scope: string },
  id: string,
): Promise<void> {
  const webhook = await getWebhook(ctx, who, id);
  await ctx.store.transaction(async (tx) => {
    await tx.webhooks.delete(id);
    await recordEvent(
      tx,
      "webhook.removed",
      ctx.clock.now().toISOString(),
      { accountId: webhook.accountId },
      {
        webhookId: id,
      },
    );
  });
  forgetRecipientOutbound(ctx, webhook.accountId);
}

/** The delivery log of a webhook, newest first. */
export async function listWebhookCalls(
  ctx: NetworkContext,
  who: { readonly accountId: string; readonly scope: string },
  id: string,
  after: string | null,
  limit: number,
): Promise<Page<WebhookCallRecord>> {
  await getWebhook(ctx, who, id);
  return ctx.store.webhookCalls.listByWebhook(id, after, Math.min(Math.max(limit, 1), 500));
}

/** Sets (or, with null, removes) the address an account's notifications are e-mailed to. */
export async function setNotificationEmail(
  ctx: NetworkContext,
  accountId: string,
  email: { readonly address: string; readonly events?: readonly string[] } | null,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, accountId);
    if (email === null) {
      await tx.notificationEmails.clear(accountId);
      await recordEvent(tx, "notification_email.removed", at, { accountId });
      return;
    }
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email.address))
      throw invalid(`${JSON.stringify(email.address)} is not an e-mail address`, "address");
    const events = checkNotificationTypes(email.events ?? notificationTypes);
    await tx.notificationEmails.set({ accountId, address: email.address, events, updatedAt: at });
    await recordEvent(tx, "notification_email.set", at, { accountId }, { address: email.address, events });
  });
  forgetRecipientOutbound(ctx, accountId);
}
