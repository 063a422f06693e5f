import { describe, expect, it } from "vitest";
import type { DeliveryRecord } from "../../../storage/ports/index.js";
import { inboxItemName, itemIdOfName } from "./inbox-names.js";

const item: DeliveryRecord = {
  id: "dlv_01jf3m9x2k7qabcdefghjkmnpq",
  messageId: "msg_1",
  interchangeId: "ich_1",
  senderAccountId: "acc_1",
  recipientAccountId: "acc_2",
  fromIdentity: "ZZ:ACMEFOODS",
  toIdentity: "ZZ:GROCERYMART",
  route: "mailbox",
  blobKey: "b",
  rangeStart: 0,
  rangeEnd: 10,
  format: "x12",
  docTypes: ["850", "860"],
  state: "in_mailbox",
  createdAt: "2026-03-01T09:00:05.123Z",
  pickedUpAt: null,
  expiresAt: null,
};

describe("inbox item names", () => {
  it("say when, from whom and what, and end with the item id", () => {
    const name = inboxItemName(item, null);
    expect(name).toBe("20260301T090005Z_ZZ-ACMEFOODS_850-860_dlv_01jf3m9x2k7qabcdefghjkmnpq.edi");
    expect(itemIdOfName(name)).toBe(item.id);
  });

  it("keep a file's own name after the id, made safe for any file system", () => {
    const name = inboxItemName(
      { ...item, format: "file", docTypes: [], fromIdentity: "01:ACME/FOODS" },
      "../price list.csv",
    );
    expect(name).toBe("20260301T090005Z_01-ACME-FOODS_file_dlv_01jf3m9x2k7qabcdefghjkmnpq_price-list.csv");
    expect(itemIdOfName(name)).toBe(item.id);
    expect(inboxItemName({ ...item, format: "file" }, null)).toMatch(/_dlv_01jf3m9x2k7qabcdefghjkmnpq\.dat$/);
    expect(itemIdOfName("notes.txt")).toBeNull();
  });
});
