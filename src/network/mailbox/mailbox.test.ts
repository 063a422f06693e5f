import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  bodyOf,
  openTempNetwork,
  seedTradingPair,
  type TempNetwork,
} from "../../../test/support/temp-network.js";
import { networkJobHandlers, receiveMessage, sweepRetention } from "../index.js";
import { JobRunner } from "../jobs/job-runner.js";
import { confirmPickup, getMailboxItem, listMailbox, openMailboxItem, resendItem } from "./mailbox.js";

let net: TempNetwork;
let acme: string;
let grocer: string;

beforeEach(async () => {
  net = await openTempNetwork({ retentionMs: 7 * 24 * 3600_000 });
  ({ acme, grocer } = await seedTradingPair(net.ctx));
});

afterEach(async () => {
  await net.close();
});

async function deliverFiles(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const body = bodyOf(`report ${i}\n`.repeat(10));
    const verdict = await receiveMessage(net.ctx, {
      accountId: acme,
      channel: "api",
      body,
      to: "ZZ:GROCERYMART",
    });
    expect(verdict.kind).toBe("accepted");
    net.clock.advance(1);
  }
  await new JobRunner(net.ctx, networkJobHandlers(net.ctx)).drain();
}

describe("mailbox", () => {
  it("pages through waiting items in arrival order", async () => {
    await deliverFiles(5);
    const first = await listMailbox(net.ctx, grocer, null, 2);
    const second = await listMailbox(net.ctx, grocer, first.next, 2);
    const third = await listMailbox(net.ctx, grocer, second.next, 2);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
    expect(third.next).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort()).toEqual(ids);
  });

  it("keeps an item until it is confirmed, confirms twice without error, and resends on demand", async () => {
    await deliverFiles(1);
    const [item] = (await listMailbox(net.ctx, grocer, null, 10)).items;
    expect(item).toBeDefined();
    const id = item!.id;
    expect((await listMailbox(net.ctx, grocer, null, 10)).items).toHaveLength(1);
    expect((await confirmPickup(net.ctx, grocer, id)).state).toBe("picked_up");
    expect((await confirmPickup(net.ctx, grocer, id)).state).toBe("picked_up");
    expect((await listMailbox(net.ctx, grocer, null, 10)).items).toHaveLength(0);
    expect((await resendItem(net.ctx, grocer, id)).state).toBe("in_mailbox");
    expect((await listMailbox(net.ctx, grocer, null, 10)).items.map((i) => i.id)).toEqual([id]);
    const types = (await net.ctx.store.events.listByMessage(item!.messageId)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["delivery.in_mailbox", "delivery.picked_up", "delivery.resent"]),
    );
  });

  it("shows nothing of one account's mailbox to another", async () => {
    await deliverFiles(1);
    const [item] = (await listMailbox(net.ctx, grocer, null, 10)).items;
    expect((await listMailbox(net.ctx, acme, null, 10)).items).toEqual([]);
    await expect(getMailboxItem(net.ctx, acme, item!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(confirmPickup(net.ctx, acme, item!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("serves byte ranges of an item", async () => {
    await deliverFiles(1);
    const [item] = (await listMailbox(net.ctx, grocer, null, 10)).items;
    const part = Buffer.concat(await (await openMailboxItem(net.ctx, item!, { start: 2, end: 8 })).toArray());
    expect(part.toString()).toBe("port 0");
  });

  it("removes expired items and their bytes when retention ends, keeping the history", async () => {
    await deliverFiles(2);
    const [item] = (await listMailbox(net.ctx, grocer, null, 10)).items;
    expect(await sweepRetention(net.ctx)).toEqual({ expiredDeliveries: 0, deletedBlobs: 0 });
    net.clock.advance(7 * 24 * 3600_000 + 1000);
    expect(await sweepRetention(net.ctx)).toEqual({ expiredDeliveries: 2, deletedBlobs: 2 });
    expect((await listMailbox(net.ctx, grocer, null, 10)).items).toEqual([]);
    expect(await net.blobFiles()).toEqual([]);
    const types = (await net.ctx.store.events.listByMessage(item!.messageId)).map((e) => e.type);
    expect(types).toContain("delivery.expired");
  });
});
