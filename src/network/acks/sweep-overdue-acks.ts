import type { NetworkContext } from "../network-context.js";
import { notifyAccount } from "../notifications/notify-account.js";
import { recordEvent } from "../record-event.js";

/**
 * Moves the interchanges whose acknowledgment window ended without an answer to `ack_overdue` (their awaited
 * groups and sets too), with an event and an `ack.overdue` notification to the sending account, each in one
 * transaction. Idempotent: an item is moved only while it still awaits, so a sweep that dies half-way, or two
 * nodes sweeping at once, tell each item once. Returns how many interchanges it moved.
 */
export async function sweepOverdueAcks(ctx: NetworkContext, batch = 500): Promise<number> {
  let moved = 0;
  for (;;) {
    const now = ctx.clock.now().toISOString();
    const due = await ctx.store.ackItems.listOverdue(now, batch);
    for (const item of due) {
      const done = await ctx.store.transaction(async (tx) => {
        const change = { ackInterchangeId: null, detail: `no acknowledgment by ${item.dueAt}`, at: now };
        if (!(await tx.ackItems.settle(item.id, ["awaiting"], "ack_overdue", change))) return false;
        for (const part of await tx.ackItems.listByInterchange(item.interchangeId))
          if (part.id !== item.id) await tx.ackItems.settle(part.id, ["awaiting"], "ack_overdue", change);
        await tx.interchanges.setState(item.interchangeId, "ack_overdue", change.detail);
        const subject = {
          messageId: item.messageId,
          interchangeId: item.interchangeId,
          accountId: item.accountId,
        };
        const detail = {
          sender: item.sender,
          receiver: item.receiver,
          control: item.interchangeControl,
          docTypes: item.docType === "" ? [] : item.docType.split(","),
          dueAt: item.dueAt,
        };
        await recordEvent(tx, "interchange.ack_overdue", now, subject, detail);
        await notifyAccount(ctx, tx, { accountId: item.accountId, type: "ack.overdue", subject, detail });
        return true;
      });
      if (done) moved++;
    }
    if (due.length < batch) return moved;
  }
}
