import type { NetworkContext } from "../network-context.js";
import { deliverySubject, recordEvent } from "../record-event.js";

export interface SweepResult {
  readonly expiredDeliveries: number;
  readonly deletedBlobs: number;
}

/**
 * Removes what retention has ended: mailbox items past their expiry, then the stored bytes of messages older
 * than the retention period that no item points at any more. Message records and events stay, so that
 * tracking keeps the history. Safe to run anywhere and often: every step is idempotent.
 */
export async function sweepRetention(ctx: NetworkContext, batch = 500): Promise<SweepResult> {
  const now = ctx.clock.now();
  let expiredDeliveries = 0;
  for (;;) {
    const expired = await ctx.store.deliveries.listExpired(now.toISOString(), batch);
    for (const d of expired) {
      await ctx.store.transaction(async (tx) => {
        await tx.deliveries.delete(d.id);
        await recordEvent(tx, "delivery.expired", now.toISOString(), deliverySubject(d));
      });
      expiredDeliveries++;
    }
    if (expired.length < batch) break;
  }
  let deletedBlobs = 0;
  const before = new Date(now.getTime() - ctx.settings.retentionMs).toISOString();
  for (const message of await ctx.store.messages.listReceivedBefore(before, batch)) {
    if ((await ctx.store.deliveries.countByBlob(message.blobKey)) > 0) continue;
    if ((await ctx.blobs.size(message.blobKey)) === null) continue;
    await ctx.blobs.delete(message.blobKey);
    deletedBlobs++;
  }
  return { expiredDeliveries, deletedBlobs };
}
