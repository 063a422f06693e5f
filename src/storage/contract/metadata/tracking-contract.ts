import { describe, expect, it } from "vitest";
import type { InterchangeRecord, MetadataStore, TrackingFilter } from "../../ports/index.js";
import { aDelivery, aMessage, anInterchange, at, insertAccount, orderedId } from "./metadata-fixtures.js";

export function trackingContract(store: () => MetadataStore): void {
  /**
   * Account A sends three interchanges in one message and one in another; B receives the first; C is a
   * bystander. Partners are unique to this set-up so that the admin scope can be searched too.
   */
  async function setUp() {
    const [a, b, c] = [
      await insertAccount(store()),
      await insertAccount(store()),
      await insertAccount(store()),
    ];
    const us = orderedId("ZZ:US");
    const them = orderedId("ZZ:THEM");
    const other = orderedId("ZZ:OTHER");
    const first = aMessage(a.id);
    const second = aMessage(a.id);
    await store().messages.insert(first);
    await store().messages.insert(second);
    const i1 = anInterchange(first.id, {
      sender: us,
      receiver: them,
      control: "1",
      docTypes: ["850"],
      createdAt: at(10),
    });
    const i2 = anInterchange(first.id, {
      position: 1,
      sender: us,
      receiver: other,
      control: "2",
      docTypes: ["810", "856"],
      state: "routed",
      createdAt: at(20),
    });
    const i3 = anInterchange(first.id, {
      position: 2,
      sender: them,
      receiver: us,
      control: "3",
      createdAt: at(30),
    });
    const i4 = anInterchange(second.id, {
      sender: other,
      receiver: them,
      control: "1",
      docTypes: ["8_0", "ORDERS"],
      createdAt: at(40),
    });
    for (const interchange of [i1, i2, i3, i4]) await store().interchanges.insert(interchange);
    await store().deliveries.insert(aDelivery(first, b.id, { interchangeId: i1.id }));
    return { a: a.id, b: b.id, c: c.id, us, them, other, i1, i2, i3, i4 };
  }

  const search = async (filter: TrackingFilter, after: string | null = null, limit = 50) =>
    (await store().tracking.search(filter, after, limit)).items.map((item: InterchangeRecord) => item.id);

  describe("tracking", () => {
    it("shows an account what it sent and what was delivered to it, newest first", async () => {
      const { a, b, c, us, i1, i2, i3, i4 } = await setUp();
      expect(await search({ accountId: a })).toEqual([i4.id, i3.id, i2.id, i1.id]);
      expect(await search({ accountId: b })).toEqual([i1.id]);
      expect(await search({ accountId: c })).toEqual([]);
      expect(await search({ partner: us })).toEqual([i3.id, i2.id, i1.id]);
      const [found] = (await store().tracking.search({ accountId: b }, null, 10)).items;
      expect(found).toEqual(i1);
    });

    it("filters by partner, control number, document type, state and time", async () => {
      const { a, us, them, other, i1, i2, i3, i4 } = await setUp();
      expect(await search({ accountId: a, partner: them })).toEqual([i4.id, i3.id, i1.id]);
      expect(await search({ accountId: a, partner: other, control: "1" })).toEqual([i4.id]);
      expect(await search({ accountId: a, control: "2" })).toEqual([i2.id]);
      expect(await search({ accountId: a, docType: "856" })).toEqual([i2.id]);
      expect(await search({ accountId: a, docType: "850" })).toEqual([i3.id, i1.id]);
      expect(await search({ accountId: a, docType: "85" })).toEqual([]);
      expect(await search({ accountId: a, docType: "8_0" })).toEqual([i4.id]);
      expect(await search({ accountId: a, docType: "orders" })).toEqual([]);
      expect(await search({ accountId: a, state: "routed" })).toEqual([i2.id]);
      expect(await search({ accountId: a, from: at(20), to: at(40) })).toEqual([i3.id, i2.id]);
      expect(await search({ partner: us, from: at(30) })).toEqual([i3.id]);
    });

    it("pages newest first, the cursor being the last id shown", async () => {
      const { a, i1, i2, i3, i4 } = await setUp();
      const first = await store().tracking.search({ accountId: a }, null, 3);
      expect(first.items.map((item) => item.id)).toEqual([i4.id, i3.id, i2.id]);
      expect(first.next).toBe(i2.id);
      const second = await store().tracking.search({ accountId: a }, first.next, 3);
      expect(second).toEqual({ items: [i1], next: null });
    });
  });
}
