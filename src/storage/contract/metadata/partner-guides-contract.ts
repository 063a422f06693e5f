import { describe, expect, it } from "vitest";
import { isOpenVanError } from "../../../kernel/index.js";
import type { MetadataStore, PartnerGuideRecord } from "../../ports/index.js";
import { at, insertAccount, orderedId } from "./metadata-fixtures.js";

function aGuide(accountId: string, fields: Partial<PartnerGuideRecord> = {}): PartnerGuideRecord {
  return {
    id: orderedId("gde_"),
    accountId,
    partner: "ZZ:ACMEFOODS",
    guideId: orderedId("guide-"),
    document: {
      id: "acme-850",
      extends: "x12-850",
      overrides: { BEG: { elements: { "02": { codes: ["SA"] } } } },
    },
    version: 1,
    createdAt: at(1),
    updatedAt: at(1),
    ...fields,
  };
}

export function partnerGuidesContract(store: () => MetadataStore): void {
  describe("partner guides", () => {
    it("keeps every field and the document, gets a guide only for its own account, lists oldest first", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const first = aGuide(account.id);
      const second = aGuide(account.id, { partner: "", createdAt: at(2), updatedAt: at(2) });
      await store().partnerGuides.insert(second);
      await store().partnerGuides.insert(first);
      await store().partnerGuides.insert(aGuide(other.id));
      expect(await store().partnerGuides.get(account.id, first.id)).toEqual(first);
      expect(await store().partnerGuides.get(other.id, first.id)).toBeNull();
      expect(await store().partnerGuides.listByAccount(account.id)).toEqual([first, second]);
    });

    it("refuses a second guide of the account with the same guide id, even inside a transaction", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const taken = aGuide(account.id);
      await store().partnerGuides.insert(taken);
      await store().partnerGuides.insert(aGuide(other.id, { guideId: taken.guideId }));
      const error = await store()
        .transaction(async (tx) => {
          await tx.partnerGuides.insert(aGuide(account.id, { guideId: taken.guideId, partner: "" }));
        })
        .catch((e: unknown) => e);
      expect(isOpenVanError(error) && error.code).toBe("GUIDE_ID_TAKEN");
      expect(await store().partnerGuides.listByAccount(account.id)).toHaveLength(1);
    });

    it("updates only the version it read, only within the account; deletes only within the account", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const guide = aGuide(account.id);
      await store().partnerGuides.insert(guide);
      const changed: PartnerGuideRecord = {
        ...guide,
        partner: "",
        document: { ...guide.document, name: "changed" },
        version: 2,
        updatedAt: at(5),
      };
      expect(await store().partnerGuides.update({ ...changed, accountId: other.id }, 1)).toBe(false);
      expect(await store().partnerGuides.update(changed, 1)).toBe(true);
      expect(await store().partnerGuides.update({ ...changed, version: 3 }, 1)).toBe(false);
      expect(await store().partnerGuides.get(account.id, guide.id)).toEqual(changed);
      expect(await store().partnerGuides.delete(other.id, guide.id)).toBe(false);
      expect(await store().partnerGuides.delete(account.id, guide.id)).toBe(true);
      expect(await store().partnerGuides.delete(account.id, guide.id)).toBe(false);
      expect(await store().partnerGuides.get(account.id, guide.id)).toBeNull();
    });
  });
}
