import { describe, expect, it } from "vitest";
import { defaultAckProfile } from "../../../network/acks/ack-profile.js";
import type { AckItemRecord, AckProfileRecord, MetadataStore } from "../../ports/index.js";
import { aMessage, at, insertAccount, orderedId } from "./metadata-fixtures.js";

/** The network's default profile for the account (24 hours to acknowledge), written at `at(0)`. */
function aProfile(accountId: string, fields: Partial<AckProfileRecord> = {}): AckProfileRecord {
  return { ...defaultAckProfile(accountId), updatedAt: at(0), ...fields };
}

function anItem(fields: Partial<AckItemRecord> = {}): AckItemRecord {
  return {
    id: orderedId("aki_"),
    interchangeId: "ich_1",
    messageId: "msg_1",
    accountId: "acc_1",
    level: "interchange",
    sender: "ZZ:SENDER",
    receiver: "ZZ:RECEIVER",
    interchangeControl: "000000001",
    groupControl: "",
    setControl: "",
    docType: "850",
    state: "awaiting",
    dueAt: at(3600),
    ackInterchangeId: null,
    detail: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...fields,
  };
}

/** Acknowledgment profiles, generated acknowledgments, awaited items, inbound control numbers, message CAS. */
export function acknowledgmentsContract(store: () => MetadataStore): void {
  describe("acknowledgments", () => {
    it("keeps profiles per account, identity and partner, replacing on upsert", async () => {
      const account = await insertAccount(store());
      const general = aProfile(account.id, { functional: "997", docTypeWindows: { "850": 60 } });
      const specific = aProfile(account.id, {
        identity: "ZZ:A",
        partner: "ZZ:B",
        rejectGroupOnSetError: true,
      });
      await store().ackProfiles.upsert(general);
      await store().ackProfiles.upsert(specific);
      await store().ackProfiles.upsert({ ...general, functional: "999" });
      expect(await store().ackProfiles.list(account.id)).toEqual([
        { ...general, functional: "999" },
        specific,
      ]);
      expect(await store().ackProfiles.candidates(account.id, "ZZ:A", "ZZ:C")).toEqual([
        { ...general, functional: "999" },
      ]);
      expect(await store().ackProfiles.delete(account.id, "ZZ:A", "ZZ:B")).toBe(true);
      expect(await store().ackProfiles.delete(account.id, "ZZ:A", "ZZ:B")).toBe(false);
    });

    it("reserves a generated acknowledgment once and marks it sent once", async () => {
      const interchangeId = orderedId("ich_");
      const first = {
        interchangeId,
        kind: "997" as const,
        messageId: orderedId("msg_"),
        controls: { interchange: 7, group: 8, set: 9 },
        generatedAt: at(5),
        state: "reserved" as const,
      };
      expect(await store().generatedAcks.reserve(first)).toEqual(first);
      expect(await store().generatedAcks.reserve({ ...first, messageId: "msg_other" })).toEqual(first);
      expect(await store().generatedAcks.markSent(interchangeId, "997")).toBe(true);
      expect(await store().generatedAcks.markSent(interchangeId, "997")).toBe(false);
      expect(await store().generatedAcks.listByInterchange(interchangeId)).toEqual([
        { ...first, state: "sent" },
      ]);
    });

    it("reserves blocks of control numbers in one step", async () => {
      const scope = orderedId("scope-");
      expect(await store().controlNumbers.reserve(scope, 3)).toBe(1);
      expect(await store().controlNumbers.next(scope)).toBe(4);
      expect(await store().controlNumbers.reserve(scope, 2)).toBe(5);
    });

    it("finds awaited items by interchange and group control, settles them, lists overdue ones", async () => {
      const sender = orderedId("ZZ:S");
      const interchangeId = orderedId("ich_");
      const head = anItem({ id: `aki_${interchangeId}`, interchangeId, sender });
      const group = anItem({
        id: `aki_${interchangeId}_g1`,
        interchangeId,
        sender,
        level: "group",
        groupControl: "77",
        docType: "PO",
        dueAt: null,
      });
      const set = anItem({
        id: `aki_${interchangeId}_g1_s1`,
        interchangeId,
        sender,
        level: "set",
        groupControl: "77",
        setControl: "0001",
        dueAt: null,
      });
      await store().ackItems.insertMany([head, group, set]);
      await store().ackItems.insertMany([head]);
      expect(await store().ackItems.listByInterchange(interchangeId)).toEqual([head, group, set]);
      expect(await store().ackItems.findByInterchangeControl(sender, "ZZ:RECEIVER", "000000001")).toEqual([
        head,
        group,
        set,
      ]);
      expect(await store().ackItems.findByGroupControl(sender, "ZZ:RECEIVER", "77", "PO")).toEqual([
        group,
        set,
      ]);
      expect(await store().ackItems.findByGroupControl(sender, "ZZ:RECEIVER", "77", "IN")).toEqual([]);
      const overdue = await store().ackItems.listOverdue(at(3600), 1000);
      expect(overdue.filter((i) => i.sender === sender)).toEqual([head]);
      const change = { ackInterchangeId: "ich_ack", detail: "997", at: at(10) };
      expect(await store().ackItems.settle(set.id, ["awaiting"], "rejected", change)).toBe(true);
      expect(await store().ackItems.settle(set.id, ["awaiting"], "acknowledged", change)).toBe(false);
      expect(await store().ackItems.get(set.id)).toMatchObject({
        state: "rejected",
        ackInterchangeId: "ich_ack",
        updatedAt: at(10),
      });
    });

    it("advances an inbound sequence atomically, keeping the highest number", async () => {
      const sender = orderedId("ZZ:S");
      const advance = (n: number) => store().inboundControls.advance(sender, "ZZ:R", n, at(1));
      expect(await advance(5)).toBeNull();
      expect(await advance(6)).toBe(5);
      expect(await advance(3)).toBe(6);
      expect(await advance(7)).toBe(6);
      // A counter that wrapped around starts again.
      expect(await store().inboundControls.advance(sender, "ZZ:R", 999_999_999, at(2))).toBe(7);
      expect(await store().inboundControls.advance(sender, "ZZ:R", 1, at(3))).toBe(999_999_999);
      expect(await store().inboundControls.advance(sender, "ZZ:R", 2, at(4))).toBe(1);
    });

    it("lists control findings newest first, by account, sender and kind", async () => {
      const account = await insertAccount(store());
      const sender = orderedId("ZZ:S");
      const finding = (kind: "gap" | "late", control: string) => ({
        id: orderedId("cnf_"),
        kind,
        sender,
        receiver: "ZZ:R",
        senderAccountId: account.id,
        receiverAccountId: null,
        control,
        missingFrom: kind === "gap" ? "2" : null,
        missingTo: kind === "gap" ? "3" : null,
        interchangeId: "ich_1",
        messageId: "msg_1",
        at: at(1),
      });
      const gap = finding("gap", "4");
      const late = finding("late", "2");
      await store().inboundControls.addFinding(gap);
      await store().inboundControls.addFinding(late);
      expect((await store().inboundControls.listFindings({ accountId: account.id }, null, 10)).items).toEqual(
        [late, gap],
      );
      expect((await store().inboundControls.listFindings({ sender, kind: "gap" }, null, 10)).items).toEqual([
        gap,
      ]);
      const first = await store().inboundControls.listFindings({ sender }, null, 1);
      expect(first).toEqual({ items: [late], next: late.id });
      expect((await store().inboundControls.listFindings({ sender }, first.next, 1)).items).toEqual([gap]);
    });

    it("moves a message on from a state only while it is in that state", async () => {
      const account = await insertAccount(store());
      const message = aMessage(account.id);
      await store().messages.insert(message);
      expect(await store().messages.transition(message.id, "received", "routed", null)).toBe(true);
      expect(await store().messages.transition(message.id, "received", "routed", null)).toBe(false);
      expect(await store().messages.get(message.id)).toMatchObject({ state: "routed" });
    });
  });
}
