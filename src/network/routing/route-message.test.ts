import { describe, expect, it } from "vitest";
import { bodyOf, useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { buildInterchange, type SetSpec, sequentialControlNumbers, writeEdi } from "../../edi/index.js";
import { networkJobHandlers, receiveMessage, routeMessage } from "../index.js";
import { JobRunner } from "../jobs/job-runner.js";
import { listMailbox, openMailboxItem } from "../mailbox/mailbox.js";

const pair = useTradingPairNetwork();

const order: SetSpec = { id: "850", body: [["BEG", "00", "SA", "PO1001", "", "20260301"]] };

function x12(receiver: string, control: number, sender = "ACMEFOODS"): Buffer {
  const ic = buildInterchange(
    {
      standard: "x12",
      sender: { qualifier: "ZZ", id: sender },
      receiver: { qualifier: "ZZ", id: receiver },
      groups: [{ id: "PO", sender, receiver, version: "005010", sets: [order] }],
    },
    sequentialControlNumbers({ interchange: control }),
    new Date("2026-03-01T09:00:00Z"),
  );
  return writeEdi([ic]);
}

async function send(bytes: Buffer, extra: { to?: string; idempotencyKey?: string } = {}): Promise<string> {
  const verdict = await receiveMessage(pair.net.ctx, {
    accountId: pair.acme,
    channel: "api",
    body: bodyOf(bytes),
    ...extra,
  });
  if (verdict.kind !== "accepted") throw new Error(`${verdict.error.code}: ${verdict.error.message}`);
  return verdict.messageId;
}

async function routeAll(): Promise<void> {
  await new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();
}

describe("routing", () => {
  it("puts each interchange into the receiver's mailbox with its original bytes", async () => {
    const first = x12("GROCERYMART", 1);
    const second = x12("GROCERYMART", 2);
    const id = await send(Buffer.concat([first, Buffer.from("\r\n"), second]));
    await routeAll();
    expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("routed");
    const page = await listMailbox(pair.net.ctx, pair.grocer, null, 10);
    expect(page.items.map((d) => d.interchangeId !== null)).toEqual([true, true]);
    const contents = await Promise.all(
      page.items.map(async (item) =>
        Buffer.concat(await (await openMailboxItem(pair.net.ctx, item)).toArray()),
      ),
    );
    expect(contents).toEqual([first, second]);
    expect(page.items[0]).toMatchObject({
      fromIdentity: "ZZ:ACMEFOODS",
      toIdentity: "ZZ:GROCERYMART",
      docTypes: ["850"],
    });
    const types = (await pair.net.ctx.store.events.listByMessage(id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "message.received",
        "interchange.accepted",
        "interchange.routed",
        "delivery.in_mailbox",
        "message.routed",
      ]),
    );
    const usage = await pair.net.ctx.store.usage.totals(
      pair.acme,
      "2026-01-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    );
    expect(usage).toEqual({
      kilocharacters: 2 * Math.ceil(first.length / 1000),
      documents: 2,
      bytes: first.length + second.length,
    });
  });

  it("keeps an unknown receiver visible as unroutable, with the reason, and routes the rest", async () => {
    const id = await send(Buffer.concat([x12("GROCERYMART", 5), x12("NOBODY", 6)]));
    await routeAll();
    const message = await pair.net.ctx.store.messages.get(id);
    expect(message?.state).toBe("partially_routed");
    const interchanges = await pair.net.ctx.store.interchanges.listByMessage(id);
    expect(interchanges.map((i) => [i.state, i.reason])).toEqual([
      ["routed", null],
      ["unroutable", "no account on this network owns the receiver ZZ:NOBODY"],
    ]);
  });

  it("refuses an interchange whose envelope sender is not the sending account's", async () => {
    const id = await send(x12("GROCERYMART", 7, "GROCERYMART"));
    await routeAll();
    const [interchange] = await pair.net.ctx.store.interchanges.listByMessage(id);
    expect(interchange?.state).toBe("rejected");
    expect(interchange?.reason).toMatch(/sender ZZ:GROCERYMART .* not an identity of the sending account/);
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(0);
  });

  it("detects a duplicate control number from the same sender to the same receiver", async () => {
    await send(x12("GROCERYMART", 9));
    pair.net.clock.advance(1000);
    const again = Buffer.concat([x12("GROCERYMART", 9), Buffer.from("\n")]); // other bytes, same envelope
    const id = await send(again);
    await routeAll();
    const [interchange] = await pair.net.ctx.store.interchanges.listByMessage(id);
    expect(interchange?.state).toBe("duplicate");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(1);
  });

  it("routes a message once, however often its job runs", async () => {
    const id = await send(x12("GROCERYMART", 11));
    await routeMessage(pair.net.ctx, id);
    await routeMessage(pair.net.ctx, id);
    await routeAll();
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(1);
    expect(await pair.net.ctx.store.interchanges.listByMessage(id)).toHaveLength(1);
  });

  it("delivers a file of any format to its explicit recipient", async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const id = await send(bytes, { to: "ZZ:GROCERYMART" });
    await routeAll();
    const [item] = (await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items;
    expect(item).toMatchObject({
      messageId: id,
      format: "file",
      toIdentity: "ZZ:GROCERYMART",
      fromIdentity: "ZZ:ACMEFOODS",
    });
    expect(Buffer.concat(await (await openMailboxItem(pair.net.ctx, item!)).toArray())).toEqual(bytes);
  });
});

describe("ingest", () => {
  it("answers a repeated idempotency key, and an identical resend, with the first message", async () => {
    const bytes = x12("GROCERYMART", 20);
    const a = await send(bytes, { idempotencyKey: "k-1" });
    expect(await send(x12("GROCERYMART", 21), { idempotencyKey: "k-1" })).toBe(a);
    expect(await send(bytes)).toBe(a);
    expect(await pair.net.blobFiles()).toHaveLength(1);
  });

  it("refuses truncated EDI, a file without recipient and an empty body, keeping nothing", async () => {
    const cut = x12("GROCERYMART", 30).subarray(0, 150);
    const verdicts = await Promise.all(
      [cut, Buffer.from("just text"), Buffer.alloc(0)].map((b) =>
        receiveMessage(pair.net.ctx, { accountId: pair.acme, channel: "api", body: bodyOf(b) }),
      ),
    );
    expect(verdicts.map((v) => (v.kind === "rejected" ? v.error.code : v.kind))).toEqual([
      "MESSAGE_EDI_INVALID",
      "MESSAGE_RECIPIENT_REQUIRED",
      "MESSAGE_EMPTY",
    ]);
    const first = verdicts[0];
    expect(first?.kind === "rejected" && first.ediErrors[0]).toMatchObject({
      code: "EDI_TRUNCATED",
      offset: expect.any(Number),
    });
    expect(await pair.net.blobFiles()).toEqual([]);
    expect(await pair.net.ctx.store.jobs.listByState("ready", 10)).toEqual([]);
  });
});
