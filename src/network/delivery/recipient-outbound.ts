import type { MetadataRepositories, PushEndpointRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { StoreCache } from "../store-cache.js";

/** How a recipient account wants to hear of a delivery: pushed to an endpoint, and which notifications. */
export interface RecipientOutbound {
  /** The account's active push endpoint; null: its deliveries wait in its mailbox. */
  readonly endpoint: PushEndpointRecord | null;
  /** Notification types some active webhook or the e-mail address of the account asks for. */
  readonly notifies: ReadonlySet<string>;
}

/**
 * How long a recipient's settings are reused. Routing asks for them for every delivery; keeping them this
 * long turns three lookups per message into a few per second per recipient. Changes made through this node
 * take effect at once (they forget the entry); other nodes sharing the database see them within this time.
 */
export const recipientOutboundTtlMs = 2_000;

const cache = new StoreCache<RecipientOutbound>(recipientOutboundTtlMs);

/**
 * The recipient's push endpoint and notification wishes, read through `tx` (on SQLite the transaction holds
 * the one connection, so reading beside it would wait for it) and kept briefly.
 */
export async function recipientOutbound(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  accountId: string,
): Promise<RecipientOutbound> {
  const cached = cache.get(ctx, accountId);
  if (cached !== undefined) return cached;
  const [endpoint, webhooks, email] = [
    await tx.pushEndpoints.findActive(accountId),
    await tx.webhooks.listByAccount(accountId),
    await tx.notificationEmails.get(accountId),
  ];
  const notifies = new Set<string>(email?.events ?? []);
  for (const webhook of webhooks) if (webhook.active) for (const type of webhook.events) notifies.add(type);
  const value: RecipientOutbound = { endpoint, notifies };
  cache.set(ctx, accountId, value);
  return value;
}

/** Forgets what is cached of the account; called after its endpoints, webhooks or e-mail address changed. */
export function forgetRecipientOutbound(ctx: NetworkContext, accountId: string): void {
  cache.forget(ctx, accountId);
}
