import { describe, expect, it } from "vitest";
import type { ControlClaim, MetadataStore } from "../../ports/index.js";
import { aMessage, anInterchange, at, insertAccount, orderedId } from "./metadata-fixtures.js";

export function interchangeClaimsContract(store: () => MetadataStore): void {
  describe("interchange claims (duplicate detection)", () => {
    const claimOf = (
      messageId: string,
      sender: string,
      fields: Partial<ControlClaim> = {},
    ): ControlClaim => ({
      sender,
      receiver: "ZZ:RECEIVER",
      control: "000000042",
      messageId,
      position: 0,
      at: at(100),
      ...fields,
    });

    it("gives a key to its first claimer and names that claim to the next", async () => {
      const account = await insertAccount(store());
      const sender = orderedId("ZZ:S");
      const first = aMessage(account.id);
      const second = aMessage(account.id);
      await store().messages.insert(first);
      await store().messages.insert(second);
      const original = anInterchange(first.id, { sender, control: "000000042" });
      expect(await store().interchanges.claimControl(claimOf(first.id, sender), at(0))).toBeNull();
      await store().interchanges.insert(original);
      expect(
        await store().interchanges.claimControl(claimOf(second.id, sender, { at: at(200) }), at(50)),
      ).toEqual({
        messageId: first.id,
        interchangeId: original.id,
      });
      // Another control number, another receiver: other keys.
      expect(
        await store().interchanges.claimControl(claimOf(second.id, sender, { control: "000000043" }), at(50)),
      ).toBeNull();
      expect(
        await store().interchanges.claimControl(claimOf(second.id, sender, { receiver: "ZZ:OTHER" }), at(50)),
      ).toBeNull();
      // The same message routed again takes its own claim back.
      expect(await store().interchanges.claimControl(claimOf(first.id, sender), at(50))).toBeNull();
    });

    it("lets a claim older than the window be taken over", async () => {
      const sender = orderedId("ZZ:S");
      const first = orderedId("msg_");
      const second = orderedId("msg_");
      expect(await store().interchanges.claimControl(claimOf(first, sender), at(0))).toBeNull();
      expect(
        await store().interchanges.claimControl(claimOf(second, sender, { at: at(300) }), at(100)),
      ).toEqual({
        messageId: first,
        interchangeId: null,
      });
      expect(
        await store().interchanges.claimControl(claimOf(second, sender, { at: at(300) }), at(101)),
      ).toBeNull();
      expect(
        await store().interchanges.claimControl(claimOf(first, sender, { at: at(400) }), at(101)),
      ).toEqual({
        messageId: second,
        interchangeId: null,
      });
    });

    it("makes a second transaction claiming the same key at the same time see the first one's claim", async () => {
      const sender = orderedId("ZZ:S");
      const first = orderedId("msg_");
      const second = orderedId("msg_");
      let firstClaimed: () => void = () => {};
      const claimed = new Promise<void>((resolve) => {
        firstClaimed = resolve;
      });
      const one = store().transaction(async (tx) => {
        const held = await tx.interchanges.claimControl(claimOf(first, sender), at(0));
        firstClaimed();
        // Hold the transaction open while the other one claims.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return held;
      });
      await claimed;
      const two = store().transaction((tx) => tx.interchanges.claimControl(claimOf(second, sender), at(0)));
      expect(await one).toBeNull();
      expect(await two).toEqual({ messageId: first, interchangeId: null });
    });
  });
}
