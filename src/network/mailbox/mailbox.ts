import type { Readable } from "node:stream";
import { OpenVanError } from "../../kernel/index.js";
import type { DeliveryRecord, MetadataRepositories, Page } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { deliverySubject, recordEvent } from "../record-event.js";

/** Items waiting in an account's mailbox, oldest first, `limit` at a time after the cursor. */
export function listMailbox(
  ctx: NetworkContext,
  accountId: string,
  after: string | null,
  limit: number,
): Promise<Page<DeliveryRecord>> {
  return ctx.store.deliveries.listMailbox(accountId, "in_mailbox", after, Math.min(Math.max(limit, 1), 1000));
}

/** An item of the account's mailbox (waiting or picked up); NOT_FOUND for anything else, other accounts' included. */
export async function getMailboxItem(
  ctx: NetworkContext,
  accountId: string,
  id: string,
): Promise<DeliveryRecord> {
  return ownItem(ctx.store, accountId, id);
}

async function ownItem(repos: MetadataRepositories, accountId: string, id: string): Promise<DeliveryRecord> {
  const item = await repos.deliveries.get(id);
  // Only what waits or waited in the mailbox: not expired items, nor deliveries pushed to an endpoint.
  const inMailbox = item?.state === "in_mailbox" || item?.state === "picked_up";
  if (item === null || item.recipientAccountId !== accountId || !inMailbox) {
    throw new OpenVanError("NOT_FOUND", `no mailbox item ${id}`);
  }
  return item;
}

/** The bytes of an item as they were received, or bytes `[start, end)` of them. */
export async function openMailboxItem(
  ctx: NetworkContext,
  item: DeliveryRecord,
  range?: { readonly start: number; readonly end: number },
): Promise<Readable> {
  const start = item.rangeStart + (range?.start ?? 0);
  const end = range === undefined ? item.rangeEnd : Math.min(item.rangeEnd, item.rangeStart + range.end);
  return ctx.blobs.get(item.blobKey, { start, end });
}

/**
 * Confirms pickup: the item leaves the mailbox (at-least-once: it stays until confirmed). Confirming an item
 * already picked up is not an error, so a client that lost the answer can confirm again.
 */
export async function confirmPickup(
  ctx: NetworkContext,
  accountId: string,
  id: string,
): Promise<DeliveryRecord> {
  return ctx.store.transaction(async (tx) => {
    const item = await ownItem(tx, accountId, id);
    if (item.state === "picked_up") return item;
    const at = ctx.clock.now().toISOString();
    await tx.deliveries.confirm(id, at);
    await recordEvent(tx, "delivery.picked_up", at, deliverySubject(item));
    return { ...item, state: "picked_up", pickedUpAt: at };
  });
}

/** Puts a picked-up item back into the mailbox so that it is delivered again (resend on demand). */
export async function resendItem(
  ctx: NetworkContext,
  accountId: string,
  id: string,
): Promise<DeliveryRecord> {
  return ctx.store.transaction(async (tx) => {
    const item = await ownItem(tx, accountId, id);
    if (item.state === "in_mailbox") return item;
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + ctx.settings.retentionMs).toISOString();
    await tx.deliveries.reopen(id, expiresAt);
    await recordEvent(tx, "delivery.resent", now.toISOString(), deliverySubject(item));
    return { ...item, state: "in_mailbox", pickedUpAt: null, expiresAt };
  });
}
