import { describe, expect, it } from "vitest";
import type { MetadataStore } from "../../ports/index.js";
import { aDelivery, aMessage, anInterchange, at, insertAccount, orderedId } from "./metadata-fixtures.js";

export function messagesContract(store: () => MetadataStore): void {
  describe("messages", () => {
    it("keeps every field, sizes past 32 bits included", async () => {
      const account = await insertAccount(store());
      const message = aMessage(account.id, {
        size: 5_000_000_123,
        filename: "orders.edi",
        toIdentity: "ZZ:PARTNER",
        idempotencyKey: "upload-1",
        format: "file",
      });
      await store().messages.insert(message);
      expect(await store().messages.get(message.id)).toEqual(message);
      expect(await store().messages.get(orderedId("msg_"))).toBeNull();
    });

    it("finds a message by idempotency key within its account only", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const message = aMessage(account.id, { idempotencyKey: "k-1" });
      await store().messages.insert(message);
      await store().messages.insert(aMessage(account.id));
      await store().messages.insert(aMessage(account.id));
      await store().messages.insert(aMessage(other.id, { idempotencyKey: "k-1" }));
      expect(await store().messages.findByIdempotencyKey(account.id, "k-1")).toEqual(message);
      expect(await store().messages.findByIdempotencyKey(account.id, "k-2")).toBeNull();
      await expect(
        store().messages.insert(aMessage(account.id, { idempotencyKey: "k-1" })),
      ).rejects.toThrow();
    });

    it("finds the latest message with a hash since a time", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const sha256 = "b".repeat(64);
      const old = aMessage(account.id, { sha256, receivedAt: at(100) });
      const recent = aMessage(account.id, { sha256, receivedAt: at(200) });
      const latest = aMessage(account.id, { sha256, receivedAt: at(300) });
      for (const message of [old, latest, recent]) await store().messages.insert(message);
      await store().messages.insert(aMessage(other.id, { sha256, receivedAt: at(400) }));
      expect(await store().messages.findRecentByHash(account.id, sha256, at(150))).toEqual(latest);
      expect(await store().messages.findRecentByHash(account.id, sha256, at(301))).toBeNull();
      expect(await store().messages.findRecentByHash(account.id, "c".repeat(64), at(0))).toBeNull();
    });

    it("sets the state and its reason", async () => {
      const account = await insertAccount(store());
      const message = aMessage(account.id);
      await store().messages.insert(message);
      await store().messages.setState(message.id, "rejected", "no envelope");
      expect(await store().messages.get(message.id)).toMatchObject({
        state: "rejected",
        reason: "no envelope",
      });
      await store().messages.setState(message.id, "routed", null);
      expect(await store().messages.get(message.id)).toMatchObject({ state: "routed", reason: null });
    });

    it("lists messages received before a time, oldest first, up to a limit", async () => {
      const account = await insertAccount(store());
      const times = ["1990-01-01T00:00:02.000Z", "1990-01-01T00:00:00.000Z", "1990-01-01T00:00:01.000Z"];
      const messages = times.map((receivedAt) => aMessage(account.id, { receivedAt }));
      for (const message of messages) await store().messages.insert(message);
      await store().messages.insert(aMessage(account.id, { receivedAt: "1990-01-01T00:00:03.000Z" }));
      const before = "1990-01-01T00:00:03.000Z";
      expect(await store().messages.listReceivedBefore(before, 10)).toEqual([
        messages[1],
        messages[2],
        messages[0],
      ]);
      expect(await store().messages.listReceivedBefore(before, 2)).toEqual([messages[1], messages[2]]);
    });

    it("pages through the messages whose bytes are kept, past the ones retention recorded as removed", async () => {
      const account = await insertAccount(store());
      // Received in 1980, before any other test's messages; two at one time, ordered by id.
      const times = [0, 1, 1, 2, 3, 4].map((s) => `1980-01-01T00:00:0${s}.000Z`);
      const messages = times.map((receivedAt) => aMessage(account.id, { receivedAt }));
      for (const message of [...messages].reverse()) await store().messages.insert(message);
      const before = "1980-01-01T00:00:04.000Z";
      const pages: string[][] = [];
      for (let after: { receivedAt: string; id: string } | null = null; ; ) {
        const page = await store().messages.listBytesKept(before, after, 2);
        pages.push(page.map((m) => m.id));
        const last = page.at(-1);
        if (last === undefined || page.length < 2) break;
        after = { receivedAt: last.receivedAt, id: last.id };
      }
      expect(pages).toEqual([
        [messages[0]?.id, messages[1]?.id],
        [messages[2]?.id, messages[3]?.id],
        [messages[4]?.id],
      ]);
      expect((await store().messages.listBytesKept(before, null, 1))[0]).toEqual(messages[0]);

      expect(await store().messages.markBytesRemoved(messages[0]!.id, at(1))).toBe(true);
      expect(await store().messages.markBytesRemoved(messages[0]!.id, at(2))).toBe(false);
      await store().transaction((tx) => tx.messages.markBytesRemoved(messages[2]!.id, at(1)));
      const kept = await store().messages.listBytesKept(before, null, 10);
      expect(kept.map((m) => m.id)).toEqual([messages[1]?.id, messages[3]?.id, messages[4]?.id]);
      // The record itself stays, as it was.
      expect(await store().messages.get(messages[0]!.id)).toEqual(messages[0]);
    });

    it("tells which of a page of blob keys messages refer to", async () => {
      const account = await insertAccount(store());
      const first = aMessage(account.id);
      const second = aMessage(account.id);
      for (const message of [first, second]) await store().messages.insert(message);
      await store().messages.markBytesRemoved(second.id, at(5));
      const unknown = orderedId("");
      expect(await store().messages.blobKeysInUse([first.blobKey, unknown, second.blobKey])).toEqual(
        new Set([first.blobKey, second.blobKey]),
      );
      expect(await store().messages.blobKeysInUse([unknown])).toEqual(new Set());
      expect(await store().messages.blobKeysInUse([])).toEqual(new Set());
    });

    it("deletes a message with its interchanges but not the deliveries made from it", async () => {
      const account = await insertAccount(store());
      const message = aMessage(account.id);
      await store().messages.insert(message);
      const interchange = anInterchange(message.id);
      await store().interchanges.insert(interchange);
      const delivery = aDelivery(message, account.id, { interchangeId: interchange.id });
      await store().deliveries.insert(delivery);
      await store().messages.delete(message.id);
      expect(await store().messages.get(message.id)).toBeNull();
      expect(await store().interchanges.listByMessage(message.id)).toEqual([]);
      expect(await store().deliveries.get(delivery.id)).toEqual(delivery);
    });
  });

  describe("interchanges", () => {
    it("lists the interchanges of a message by position, with every field", async () => {
      const account = await insertAccount(store());
      const message = aMessage(account.id);
      await store().messages.insert(message);
      const second = anInterchange(message.id, {
        position: 1,
        rangeStart: 5_000_000_000,
        rangeEnd: 5_000_000_999,
        docTypes: ["810", "856"],
        setCount: 2,
      });
      const first = anInterchange(message.id, {
        standard: "edifact",
        docTypes: [],
        reason: "why",
        state: "rejected",
      });
      await store().interchanges.insert(second);
      await store().interchanges.insert(first);
      expect(await store().interchanges.listByMessage(message.id)).toEqual([first, second]);
    });

    it("sets the state and its reason", async () => {
      const account = await insertAccount(store());
      const message = aMessage(account.id);
      await store().messages.insert(message);
      const interchange = anInterchange(message.id);
      await store().interchanges.insert(interchange);
      await store().interchanges.setState(interchange.id, "duplicate", "seen before");
      expect(await store().interchanges.listByMessage(message.id)).toEqual([
        { ...interchange, state: "duplicate", reason: "seen before" },
      ]);
    });
  });

  describe("events", () => {
    it("lists the events of a message in the order they were appended", async () => {
      const messageId = orderedId("msg_");
      const base = { messageId, interchangeId: null, deliveryId: null, accountId: null };
      await store().events.append({ ...base, type: "received", detail: { size: 10 }, at: at(5) });
      await store().events.append({
        ...base,
        type: "routed",
        detail: { to: ["a", "b"], nested: { n: 1 } },
        at: at(1),
      });
      await store().events.append({
        ...base,
        messageId: orderedId("msg_"),
        type: "other",
        detail: {},
        at: at(2),
      });
      const events = await store().events.listByMessage(messageId);
      expect(events.map(({ id: _, ...rest }) => rest)).toEqual([
        { ...base, type: "received", detail: { size: 10 }, at: at(5) },
        { ...base, type: "routed", detail: { to: ["a", "b"], nested: { n: 1 } }, at: at(1) },
      ]);
      const [first, second] = events;
      expect(typeof first?.id).toBe("number");
      expect(second!.id).toBeGreaterThan(first!.id);
    });
  });

  describe("usage", () => {
    it("totals an account's usage from a time (inclusive) to a time (exclusive)", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const record = (accountId: string, seconds: number, bytes: number) =>
        store().usage.record({
          accountId,
          messageId: null,
          serviceLine: "van",
          kilocharacters: Math.ceil(bytes / 1000),
          documents: 2,
          bytes,
          at: at(seconds),
        });
      await record(account.id, 100, 1500);
      await record(account.id, 150, 4_000_000_000);
      await record(account.id, 200, 999);
      await record(other.id, 120, 1000);
      expect(await store().usage.totals(account.id, at(100), at(200))).toEqual({
        kilocharacters: 2 + 4_000_000,
        documents: 4,
        bytes: 4_000_001_500,
      });
      expect(await store().usage.totals(account.id, at(300), at(400))).toEqual({
        kilocharacters: 0,
        documents: 0,
        bytes: 0,
      });
    });
  });
}
