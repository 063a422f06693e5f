import { describe, expect, it } from "vitest";
import { bodyOf, useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { networkJobHandlers, receiveMessage, sweepRetention } from "../index.js";
import { JobRunner } from "../jobs/job-runner.js";
import { confirmPickup, getMailboxItem, listMailbox, openMailboxItem, resendItem } from "./mailbox.js";

const pair = useTradingPairNetwork({ retentionMs: 7 * 24 * 3600_000 });

async function deliverFiles(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const body = bodyOf(`report ${i}\n`.repeat(10));
    const verdict = await receiveMessage(pair.net.ctx, {
      accountId: pair.acme,
      channel: "api",
      body,
      to: "ZZ:GROCERYMART",
    });
    expect(verdict.kind).toBe("accepted");
    pair.net.clock.advance(1);
  }
  await new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();
}

describe("mailbox", () => {
  it("pages through waiting items in arrival order", async () => {
    await deliverFiles(5);
    const first = await listMailbox(pair.net.ctx, pair.grocer, null, 2);
    const second = await listMailbox(pair.net.ctx, pair.grocer, first.next, 2);
    const third = await listMailbox(pair.net.ctx, pair.grocer, second.next, 2);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
    expect(third.next).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort()).toEqual(ids);
  });

  it("keeps an item until it is confirmed, confirms twice without error, and resends on demand", async () => {
    await deliverFiles(1);
    const [item] = (await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items;
    expect(item).toBeDefined();
    const id = item!.id;
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(1);
    expect((await confirmPickup(pair.net.ctx, pair.grocer, id)).state).toBe("picked_up");
    expect((await confirmPickup(pair.net.ctx, pair.grocer, id)).state).toBe("picked_up");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(0);
    expect((await resendItem(pair.net.ctx, pair.grocer, id)).state).toBe("in_mailbox");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items.map((i) => i.id)).toEqual([id]);
    const types = (await pair.net.ctx.store.events.listByMessage(item!.messageId)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["delivery.in_mailbox", "delivery.picked_up", "delivery.resent"]),
    );
  });

  it("shows nothing of one account's mailbox to another", async () => {
    await deliverFiles(1);
    const [item] = (await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items;
    expect((await listMailbox(pair.net.ctx, pair.acme, null, 10)).items).toEqual([]);
    await expect(getMailboxItem(pair.net.ctx, pair.acme, item!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(confirmPickup(pair.net.ctx, pair.acme, item!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("serves byte ranges of an item", async () => {
    await deliverFiles(1);
    const [item] = (await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items;
    const part = Buffer.concat(
      await (await openMailboxItem(pair.net.ctx, item!, { start: 2, end: 8 })).toArray(),
    );
    expect(part.toString()).toBe("port 0");
  });

  it("removes expired items and their bytes when retention ends, keeping the history", async () => {
    await deliverFiles(2);
    const [item] = (await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items;
    expect(await sweepRetention(pair.net.ctx)).toEqual({
      expiredDeliveries: 0,
      deletedBlobs: 0,
      orphanBlobs: 0,
    });
    pair.net.clock.advance(7 * 24 * 3600_000 + 1000);
    expect(await sweepRetention(pair.net.ctx)).toEqual({
      expiredDeliveries: 2,
      deletedBlobs: 2,
      orphanBlobs: 0,
    });
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toEqual([]);
    expect(await pair.net.blobFiles()).toEqual([]);
    const types = (await pair.net.ctx.store.events.listByMessage(item!.messageId)).map((e) => e.type);
    expect(types).toContain("delivery.expired");
    expect(types).toContain("message.content_removed");
  });
});
