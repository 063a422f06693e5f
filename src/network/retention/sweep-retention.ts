import type { MetadataStore } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { deliverySubject, recordEvent } from "../record-event.js";

export interface SweepResult {
  readonly expiredDeliveries: number;
  /** Messages whose stored bytes this sweep removed. */
  readonly deletedBlobs: number;
  /** Blobs that no record referred to, removed. */
  readonly orphanBlobs: number;
}

/**
 * Removes what retention has ended: mailbox items past their expiry, then the stored bytes of messages older
 * than the retention period that no item points at any more, then blobs that no record refers to (written by
 * a put whose records a crash kept from being committed). Message records and events stay, so that tracking
 * keeps the history. Safe to run anywhere and often, on several nodes at once: every step is idempotent.
 * `orphanChecks`: blobs looked at for orphans per sweep (see removeOrphanBlobs).
 */
export async function sweepRetention(
  ctx: NetworkContext,
  batch = 500,
  orphanChecks = 20_000,
): Promise<SweepResult> {
  const expiredDeliveries = await expireDeliveries(ctx, batch);
  const deletedBlobs = await removeMessageBytes(ctx, batch);
  const orphanBlobs = await removeOrphanBlobs(ctx, batch, orphanChecks);
  return { expiredDeliveries, deletedBlobs, orphanBlobs };
}

async function expireDeliveries(ctx: NetworkContext, batch: number): Promise<number> {
  const now = ctx.clock.now().toISOString();
  let expired = 0;
  for (;;) {
    const page = await ctx.store.deliveries.listExpired(now, batch);
    for (const d of page) {
      await ctx.store.transaction(async (tx) => {
        await tx.deliveries.delete(d.id);
        await recordEvent(tx, "delivery.expired", now, deliverySubject(d));
      });
      expired++;
    }
    if (page.length < batch) return expired;
  }
}

/**
 * Each message older than the retention period whose bytes are still kept: the bytes are removed, then the
 * message records it (with a `message.content_removed` event), in that order, so that a crash in between only
 * means the next sweep removes nothing and records it then. Recorded messages drop out of the listing, so each
 * sweep starts where the work is; the ones an item still needs are passed over by the cursor.
 */
async function removeMessageBytes(ctx: NetworkContext, batch: number): Promise<number> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - ctx.settings.retentionMs).toISOString();
  let removed = 0;
  let after: { receivedAt: string; id: string } | null = null;
  for (;;) {
    const page = await ctx.store.messages.listBytesKept(before, after, batch);
    for (const message of page) {
      if ((await ctx.store.deliveries.countByBlob(message.blobKey)) > 0) continue;
      await ctx.blobs.delete(message.blobKey);
      // Another node sweeping at the same time may record it first: only one of them tells it.
      const told = await ctx.store.transaction(async (tx) => {
        if (!(await tx.messages.markBytesRemoved(message.id, now.toISOString()))) return false;
        await recordEvent(
          tx,
          "message.content_removed",
          now.toISOString(),
          { messageId: message.id, accountId: message.accountId },
          { size: message.size, reason: "retention" },
        );
        return true;
      });
      if (told) removed++;
    }
    const last = page.at(-1);
    if (last === undefined || page.length < batch) return removed;
    after = { receivedAt: last.receivedAt, id: last.id };
  }
}

/** Where each network's orphan search stopped, for the next sweep of this node to go on from. */
const orphanCursors = new WeakMap<MetadataStore, string>();

/**
 * Blobs older than the orphan margin that no message and no delivery refers to. A blob is written before the
 * transaction of its records; the margin, longer than any upload and its commit take, keeps the blobs whose
 * records are still on their way.
 *
 * Nearly every blob the search finds is in use (a message keeps its bytes for the whole retention period), and
 * orphans are rare (a crash's leftovers). So a sweep looks at no more than `maxChecks` blobs and the next one
 * goes on where it stopped, starting over once it reaches the end: a store of millions of files costs each
 * sweep the same bounded work, and every orphan is still found within a few sweeps.
 */
async function removeOrphanBlobs(ctx: NetworkContext, batch: number, maxChecks: number): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - ctx.settings.orphanBlobAgeMs);
  let removed = 0;
  let checked = 0;
  let after: string | null = orphanCursors.get(ctx.store) ?? null;
  for (;;) {
    const keys = await ctx.blobs.listOlderThan(before, after, batch);
    const used = await ctx.store.messages.blobKeysInUse(keys);
    for (const key of keys) {
      if (used.has(key) || (await ctx.store.deliveries.countByBlob(key)) > 0) continue;
      await ctx.blobs.delete(key);
      removed++;
    }
    checked += keys.length;
    const last = keys.at(-1);
    if (last === undefined || keys.length < batch) {
      orphanCursors.delete(ctx.store);
      return removed;
    }
    after = last;
    if (checked >= maxChecks) {
      orphanCursors.set(ctx.store, after);
      return removed;
    }
  }
}
