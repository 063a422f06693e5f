import { describe, expect, it } from "vitest";
import type { DeliveryRecord, MessageRecord, MetadataStore } from "../../ports/index.js";
import { aDelivery, aMessage, at, insertAccount } from "./metadata-fixtures.js";

export function deliveriesContract(store: () => MetadataStore): void {
  async function setUp(): Promise<{ message: MessageRecord; recipient: string }> {
    const sender = await insertAccount(store());
    const recipient = await insertAccount(store());
    const message = aMessage(sender.id, { size: 6_000_000_000 });
    await store().messages.insert(message);
    return { message, recipient: recipient.id };
  }

  describe("deliveries", () => {
    it("keeps every field", async () => {
      const { message, recipient } = await setUp();
      const delivery = aDelivery(message, recipient, {
        rangeStart: 5_000_000_000,
        rangeEnd: 6_000_000_000,
        docTypes: ["810", "ORDERS"],
        expiresAt: at(1000),
        route: "as2",
      });
      await store().deliveries.insert(delivery);
      expect(await store().deliveries.get(delivery.id)).toEqual(delivery);
      expect(await store().deliveries.get("dlv_none")).toBeNull();
    });

    it("pages through a mailbox in creation order", async () => {
      const { message, recipient } = await setUp();
      const items: DeliveryRecord[] = [];
      for (let i = 0; i < 5; i++) items.push(aDelivery(message, recipient));
      for (const item of [...items].reverse()) await store().deliveries.insert(item);
      const { recipient: stranger } = await setUp();
      await store().deliveries.insert(aDelivery(message, stranger));
      await store().deliveries.insert(
        aDelivery(message, recipient, { state: "picked_up", pickedUpAt: at(40) }),
      );

      const first = await store().deliveries.listMailbox(recipient, "in_mailbox", null, 2);
      expect(first.items).toEqual(items.slice(0, 2));
      expect(first.next).toBe(items[1]?.id);
      const second = await store().deliveries.listMailbox(recipient, "in_mailbox", first.next, 2);
      expect(second.items).toEqual(items.slice(2, 4));
      const third = await store().deliveries.listMailbox(recipient, "in_mailbox", second.next, 2);
      expect(third).toEqual({ items: items.slice(4), next: null });
      const exact = await store().deliveries.listMailbox(recipient, "in_mailbox", items[0]!.id, 4);
      expect(exact).toEqual({ items: items.slice(1), next: null });
      const pickedUp = await store().deliveries.listMailbox(recipient, "picked_up", null, 10);
      expect(pickedUp.items.map((item) => item.state)).toEqual(["picked_up"]);
    });

    it("confirms a pickup once, and reopens a picked-up item", async () => {
      const { message, recipient } = await setUp();
      const delivery = aDelivery(message, recipient, { expiresAt: at(100) });
      await store().deliveries.insert(delivery);
      expect(await store().deliveries.reopen(delivery.id, at(500))).toBe(false);
      expect(await store().deliveries.confirm(delivery.id, at(50))).toBe(true);
      expect(await store().deliveries.confirm(delivery.id, at(60))).toBe(false);
      expect(await store().deliveries.get(delivery.id)).toEqual({
        ...delivery,
        state: "picked_up",
        pickedUpAt: at(50),
      });
      expect(await store().deliveries.reopen(delivery.id, at(500))).toBe(true);
      expect(await store().deliveries.get(delivery.id)).toEqual({ ...delivery, expiresAt: at(500) });
      expect(await store().deliveries.confirm("dlv_none", at(60))).toBe(false);
    });

    it("reopens an expired item", async () => {
      const { message, recipient } = await setUp();
      const delivery = aDelivery(message, recipient, { state: "expired", expiresAt: at(100) });
      await store().deliveries.insert(delivery);
      expect(await store().deliveries.reopen(delivery.id, null)).toBe(true);
      expect(await store().deliveries.get(delivery.id)).toEqual({
        ...delivery,
        state: "in_mailbox",
        expiresAt: null,
      });
    });

    it("lists by message, lists the expired, deletes, and counts the deliveries of a blob", async () => {
      const { message, recipient } = await setUp();
      const early = "1991-01-01T00:00:00.000Z";
      const a = aDelivery(message, recipient, { expiresAt: "1991-01-01T00:00:02.000Z" });
      const b = aDelivery(message, recipient, { expiresAt: "1991-01-01T00:00:01.000Z" });
      const c = aDelivery(message, recipient, { expiresAt: null });
      const d = aDelivery(message, recipient, { expiresAt: "1991-01-01T00:00:03.000Z" });
      for (const delivery of [a, b, c, d]) await store().deliveries.insert(delivery);
      expect(await store().deliveries.listByMessage(message.id)).toEqual([a, b, c, d]);
      expect(await store().deliveries.listExpired("1991-01-01T00:00:02.000Z", 10)).toEqual([b, a]);
      expect(await store().deliveries.listExpired("1991-01-01T00:00:09.000Z", 1)).toEqual([b]);
      expect(await store().deliveries.listExpired(early, 10)).toEqual([]);
      expect(await store().deliveries.countByBlob(message.blobKey)).toBe(4);
      await store().deliveries.delete(a.id);
      await store().deliveries.delete(a.id);
      expect(await store().deliveries.get(a.id)).toBeNull();
      expect(await store().deliveries.countByBlob(message.blobKey)).toBe(3);
      expect(await store().deliveries.countByBlob("no-such-blob")).toBe(0);
    });
  });
}
