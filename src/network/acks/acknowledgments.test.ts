import { describe, expect, it } from "vitest";
import {
  contrlDocument,
  edifactOrders,
  functionalAck,
  isa13,
  orderBody,
  ta1Document,
  x12Document,
} from "../../../test/support/ack-documents.js";
import { backends, openBackendNetwork } from "../../../test/support/backend-network.js";
import { bodyOf, useTradingPairOn } from "../../../test/support/temp-network.js";
import { readEdi } from "../../edi/index.js";
import type { AckProfileRecord } from "../../storage/ports/index.js";
import { receiveMessage } from "../ingest/receive-message.js";
import { JobRunner } from "../jobs/job-runner.js";
import { listMailbox, openMailboxItem } from "../mailbox/mailbox.js";
import { networkJobHandlers } from "../network-handlers.js";
import { defaultAckProfile } from "./ack-profile.js";
import { generateAcknowledgments } from "./generate-acknowledgments.js";
import { sweepOverdueAcks } from "./sweep-overdue-acks.js";

describe.each(backends)("acknowledgments on %s", (backend) => {
  const pair = useTradingPairOn(() => openBackendNetwork(backend));

  async function send(accountId: string, bytes: Buffer): Promise<string> {
    const verdict = await receiveMessage(pair.net.ctx, { accountId, channel: "api", body: bodyOf(bytes) });
    if (verdict.kind !== "accepted") throw new Error(`${verdict.error.code}: ${verdict.error.message}`);
    await new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();
    return verdict.messageId;
  }

  async function profile(change: Partial<AckProfileRecord>, accountId = pair.acme): Promise<void> {
    await pair.net.ctx.store.ackProfiles.upsert({ ...defaultAckProfile(accountId), ...change });
  }

  async function interchangeOf(messageId: string) {
    const [ic] = await pair.net.ctx.store.interchanges.listByMessage(messageId);
    if (ic === undefined) throw new Error(`message ${messageId} has no interchange`);
    return ic;
  }

  /** The acknowledgments in Acme's mailbox, read back: set types and the segments that matter. */
  async function acmeMailbox(): Promise<Array<{ from: string; docTypes: readonly string[]; text: string }>> {
    const page = await listMailbox(pair.net.ctx, pair.acme, null, 50);
    return Promise.all(
      page.items.map(async (item) => ({
        from: item.fromIdentity,
        docTypes: item.docTypes,
        text: Buffer.concat(await (await openMailboxItem(pair.net.ctx, item)).toArray()).toString("latin1"),
      })),
    );
  }

  it("answers an 850 with a TA1 and a 997 in Acme's mailbox, and tracking shows it acknowledged", async () => {
    await profile({ functional: "997" });
    const id = await send(
      pair.acme,
      x12Document({ control: 101, ackRequested: true, sets: [{ control: "0001", body: orderBody }] }),
    );
    const acks = await acmeMailbox();
    expect(acks.map((a) => [a.from, a.docTypes])).toEqual([
      ["ZZ:GROCERYMART", []],
      ["ZZ:GROCERYMART", ["997"]],
    ]);
    const [ta1, fa] = acks as [(typeof acks)[0], (typeof acks)[0]];
    expect(ta1.text).toContain(`TA1*${isa13(101)}*260301*0900*A*000~`);
    expect(fa.text).toContain("AK1*PO*101~");
    expect(fa.text).toContain("AK2*850*0001~");
    expect(fa.text).toContain("AK9*A*1*1*1~");
    // The acknowledgment reads back without faults, from the receiver to the sender, with a fresh control number.
    const readBack = readEdi(Buffer.from(fa.text, "latin1"));
    expect(readBack.errors).toEqual([]);
    expect(readBack.interchanges[0]).toMatchObject({ control: "000000002", sender: { id: "GROCERYMART" } });
    const ic = await interchangeOf(id);
    expect(ic.state).toBe("acknowledged");
    const items = await pair.net.ctx.store.ackItems.listByInterchange(ic.id);
    expect(items.map((i) => [i.level, i.state])).toEqual([
      ["interchange", "acknowledged"],
      ["group", "acknowledged"],
      ["set", "acknowledged"],
    ]);
    const events = (await pair.net.ctx.store.events.listByMessage(id)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(["interchange.ack_generated", "interchange.acknowledged"]));
    // Metered like any other interchange: Grocery Mart sent two acknowledgments, Acme received them.
    const usage = await pair.net.ctx.store.usage.totals(
      pair.grocer,
      "2026-01-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    );
    expect(usage.documents).toBe(1 + 0 + 1);
  });

  it("reports a set that breaks its implementation guide in the 997 (AK3 / AK4) and rejects it", async () => {
    await profile({ functional: "997" });
    const broken = ["BEG*00*SA***20260301", ...orderBody.slice(1)];
    const id = await send(
      pair.acme,
      x12Document({ control: 106, sets: [{ control: "0001", body: broken }] }),
    );
    const [ack] = await acmeMailbox();
    expect(ack?.text).toContain("AK3*BEG*2**8~");
    expect(ack?.text).toContain("AK4*3*324*1~");
    expect(ack?.text).toContain("AK5*R*5~");
    expect((await interchangeOf(id)).state).toBe("rejected");
  });

  it("generates each acknowledgment once when the job runs again", async () => {
    await profile({ functional: "997" });
    const id = await send(
      pair.acme,
      x12Document({ control: 102, sets: [{ control: "0001", body: orderBody }] }),
    );
    const ic = await interchangeOf(id);
    const job = {
      messageId: id,
      interchangeId: ic.id,
      acknowledgingAccountId: pair.grocer,
      ta1: false,
      functional: "997" as const,
      contrl: false,
      rejectGroupOnSetError: false,
    };
    await generateAcknowledgments(pair.net.ctx, job);
    await generateAcknowledgments(pair.net.ctx, job);
    await new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();
    expect((await acmeMailbox()).map((a) => a.docTypes)).toEqual([["997"]]);
    expect(await pair.net.ctx.store.generatedAcks.listByInterchange(ic.id)).toMatchObject([
      { kind: "997", state: "sent" },
    ]);
  });

  it("renders the same acknowledgment after a worker died between reserving it and storing it", async () => {
    await profile({ functional: "997" });
    const id = await send(
      pair.acme,
      x12Document({ control: 107, sets: [{ control: "0001", body: orderBody }] }),
    );
    const ic = await interchangeOf(id);
    const job = {
      messageId: id,
      interchangeId: ic.id,
      acknowledgingAccountId: pair.grocer,
      ta1: true,
      functional: "none" as const,
      contrl: false,
      rejectGroupOnSetError: false,
    };
    // The blob store fails once: the reservation is committed, nothing else.
    const dying = {
      ...pair.net.ctx,
      blobs: {
        ...pair.net.ctx.blobs,
        put: async () => {
          throw new Error("worker died");
        },
      },
    };
    await expect(generateAcknowledgments(dying, job)).rejects.toThrow("worker died");
    const reserved = (await pair.net.ctx.store.generatedAcks.listByInterchange(ic.id)).find(
      (a) => a.kind === "ta1",
    );
    expect(reserved).toMatchObject({ kind: "ta1", state: "reserved" });
    pair.net.clock.advance(60_000);
    await generateAcknowledgments(pair.net.ctx, job);
    await new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();
    const acks = await acmeMailbox();
    // The 997 of the routing job, then the TA1 of the reservation: its number and time, not new ones.
    const ta1 = acks.find((a) => a.docTypes.length === 0);
    expect(ta1?.text).toContain(`*${isa13(reserved?.controls.interchange ?? 0)}*0*P*`);
    expect(ta1?.text).toContain("*260301*0900*");
    const message = await pair.net.ctx.store.messages.get(reserved?.messageId ?? "");
    expect(message).toMatchObject({ channel: "ack", state: "routed", accountId: pair.grocer });
  });

  it("never answers a 997 with a 997", async () => {
    await profile({ functional: "997", ta1: "always" }, pair.grocer);
    await send(pair.grocer, functionalAck(7, "55", "A", [["0001", "A"]]));
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toEqual([]);
  });

  it("picks the 999 for a 005010X2xx group when the profile says auto", async () => {
    await profile({ functional: "auto" });
    await send(
      pair.acme,
      x12Document({ control: 103, version: "005010X222A1", sets: [{ control: "0001", body: orderBody }] }),
    );
    const [ack] = await acmeMailbox();
    expect(ack?.docTypes).toEqual(["999"]);
    expect(ack?.text).toContain("AK1*PO*103*005010X222A1~");
  });

  it("rejects the whole group for one bad set when the profile says so, and accepts the good sets by default", async () => {
    const sets = [
      { control: "0001", body: orderBody },
      { control: "0002", body: orderBody, count: 99 },
    ];
    await profile({ functional: "997" });
    await send(pair.acme, x12Document({ control: 104, sets }));
    await profile({ functional: "997", rejectGroupOnSetError: true });
    await send(pair.acme, x12Document({ control: 105, sets }));
    const [partly, whole] = await acmeMailbox();
    expect(partly?.text).toContain("AK5*R*4~");
    expect(partly?.text).toContain("AK9*P*2*2*1~");
    expect(whole?.text).toContain("AK9*R*2*2*0~");
  });

  it("reconciles Grocery Mart's own 997: rejected sets and partly accepted groups", async () => {
    await profile({ expectAck: "always" });
    const id = await send(
      pair.acme,
      x12Document({
        control: 201,
        groupControl: "9001",
        sets: [
          { control: "0001", body: orderBody },
          { control: "0002", body: orderBody },
        ],
      }),
    );
    const ic = await interchangeOf(id);
    expect(ic.state).toBe("routed");
    await send(
      pair.grocer,
      functionalAck(31, "9001", "P", [
        ["0001", "A"],
        ["0002", "R"],
      ]),
    );
    expect((await interchangeOf(id)).state).toBe("accepted_with_errors");
    const items = await pair.net.ctx.store.ackItems.listByInterchange(ic.id);
    expect(items.map((i) => [i.level, i.setControl, i.state])).toEqual([
      ["interchange", "", "accepted_with_errors"],
      ["group", "", "accepted_with_errors"],
      ["set", "0001", "acknowledged"],
      ["set", "0002", "rejected"],
    ]);
    // The same answer again (in another interchange) changes nothing and says so.
    const again = await send(
      pair.grocer,
      Buffer.concat([
        functionalAck(32, "9001", "P", [
          ["0001", "A"],
          ["0002", "R"],
        ]),
        Buffer.from("\n"),
      ]),
    );
    expect((await interchangeOf(id)).state).toBe("accepted_with_errors");
    const matched = (await pair.net.ctx.store.events.listByMessage(again)).find((e) =>
      e.type.startsWith("acknowledgment."),
    );
    expect(matched).toMatchObject({
      type: "acknowledgment.matched",
      detail: { answers: [ic.id], changed: [] },
    });
  });

  it("reconciles a TA1 that rejects the interchange", async () => {
    await profile({ expectAck: "always" });
    const id = await send(
      pair.acme,
      x12Document({ control: 202, sets: [{ control: "0001", body: orderBody }] }),
    );
    await send(pair.grocer, ta1Document(41, 202, "R"));
    const ic = await interchangeOf(id);
    expect(ic.state).toBe("rejected");
    expect(ic.reason).toContain("TA1");
  });

  it("answers an EDIFACT interchange that asks for it with a CONTRL, and reconciles a partner's CONTRL", async () => {
    const asked = await send(pair.acme, edifactOrders("5001", true));
    const [contrl] = await acmeMailbox();
    expect(contrl?.docTypes).toEqual(["CONTRL"]);
    expect(contrl?.text).toContain("UCI+5001+ACMEFOODS:ZZ+GROCERYMART:ZZ+7'");
    expect((await interchangeOf(asked)).state).toBe("acknowledged");

    await profile({ expectAck: "always" });
    const rejected = await send(pair.acme, edifactOrders("5002", false));
    await send(pair.grocer, contrlDocument("7001", "5002", "4"));
    expect((await interchangeOf(rejected)).state).toBe("rejected");
  });

  it("moves an interchange past its window to ack_overdue, with an event and a notification", async () => {
    await profile({ expectAck: "always", ackWindowMinutes: 24 * 60, docTypeWindows: { "850": 60 } });
    const id = await send(
      pair.acme,
      x12Document({ control: 301, sets: [{ control: "0001", body: orderBody }] }),
    );
    pair.net.clock.advance(59 * 60_000);
    expect(await sweepOverdueAcks(pair.net.ctx)).toBe(0);
    pair.net.clock.advance(2 * 60_000);
    expect(await sweepOverdueAcks(pair.net.ctx)).toBe(1);
    expect(await sweepOverdueAcks(pair.net.ctx)).toBe(0);
    expect((await interchangeOf(id)).state).toBe("ack_overdue");
    const events = await pair.net.ctx.store.events.listByMessage(id);
    expect(events.find((e) => e.type === "interchange.ack_overdue")?.detail).toMatchObject({
      control: "000000301",
    });
    const notify = (await pair.net.ctx.store.jobs.listByState("ready", 50)).filter(
      (j) => j.kind === "notify",
    );
    expect(notify.map((j) => j.payload)).toMatchObject([{ accountId: pair.acme, type: "ack.overdue" }]);
    // A late answer still counts.
    await send(pair.grocer, functionalAck(51, "301", "A", [["0001", "A"]]));
    expect((await interchangeOf(id)).state).toBe("acknowledged");
  });

  it("notes gaps, duplicates and late numbers in a sender's control numbers", async () => {
    const order = (control: number) => x12Document({ control, sets: [{ control: "0001", body: orderBody }] });
    await send(pair.acme, order(1));
    await send(pair.acme, order(2));
    await send(pair.acme, order(5));
    await send(pair.acme, order(4));
    await send(pair.acme, Buffer.concat([order(5), Buffer.from("\n")]));
    const page = await pair.net.ctx.store.inboundControls.listFindings({ sender: "ZZ:ACMEFOODS" }, null, 10);
    expect(page.items.map((f) => [f.kind, f.control, f.missingFrom, f.missingTo])).toEqual([
      ["duplicate", "000000005", null, null],
      ["late", "000000004", null, null],
      ["gap", "000000005", "000000003", "000000004"],
    ]);
  });
});
