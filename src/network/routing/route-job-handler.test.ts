import { describe, expect, it } from "vitest";
import {
  bodyOf,
  routingFailingAtIngest,
  tradingPairOrder,
  useTradingPairNetwork,
} from "../../../test/support/temp-network.js";
import { writeEdi } from "../../edi/index.js";
import { networkJobHandlers, receiveMessage } from "../index.js";
import { JobRunner } from "../jobs/job-runner.js";
import { listMailbox } from "../mailbox/mailbox.js";
import { carriedUnitsLimit } from "./route-job-payload.js";

const pair = useTradingPairNetwork();

function orders(count: number, firstControl = 1): Buffer {
  return writeEdi(Array.from({ length: count }, (_, i) => tradingPairOrder(firstControl + i, `PO${i}`)));
}

/** Sends a message that ingest cannot route at once: it is kept with a route job. */
async function send(bytes: Buffer): Promise<string> {
  const verdict = await receiveMessage(routingFailingAtIngest(pair.net.ctx), {
    accountId: pair.acme,
    channel: "api",
    body: bodyOf(bytes),
  });
  if (verdict.kind !== "accepted") throw new Error(`${verdict.error.code}: ${verdict.error.message}`);
  return verdict.messageId;
}

async function routeJobOf(messageId: string): Promise<Readonly<Record<string, unknown>>> {
  const [job] = await pair.net.ctx.store.jobs.listByState("ready", 100);
  expect(job?.payload.messageId).toBe(messageId);
  return job?.payload ?? {};
}

const routeAll = (): Promise<number> => new JobRunner(pair.net.ctx, networkJobHandlers(pair.net.ctx)).drain();

describe("the route job", () => {
  it("routes a message at ingest; when that fails, the message is kept with its job, and the job routes it", async () => {
    const verdict = await receiveMessage(pair.net.ctx, {
      accountId: pair.acme,
      channel: "api",
      body: bodyOf(orders(1, 90)),
    });
    expect(verdict.kind).toBe("accepted");
    const routedAtOnce = verdict.kind === "accepted" ? verdict.messageId : "";
    expect((await pair.net.ctx.store.messages.get(routedAtOnce))?.state).toBe("routed");
    expect(await pair.net.ctx.store.jobs.listByState("ready", 10)).toEqual([]);
    const id = await send(orders(1, 91));
    expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("received");
    await routeJobOf(id);
    expect(await routeAll()).toBe(1);
    expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("routed");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(2);
  });

  it("carries the envelopes ingest read, so that routing does not read the message again", async () => {
    const id = await send(orders(2));
    const payload = await routeJobOf(id);
    expect(payload.units).toMatchObject([
      { standard: "x12", sender: "ZZ:ACMEFOODS", receiver: "ZZ:GROCERYMART", control: "000000001" },
      { control: "000000002", docTypes: ["850"], setCount: 1 },
    ]);
    // Routing works from the job alone: the stored bytes are not read (here they are even gone).
    const message = await pair.net.ctx.store.messages.get(id);
    await pair.net.ctx.blobs.delete(message?.blobKey ?? "");
    await routeAll();
    expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("routed");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(2);
  });

  it(`reads the envelopes of a message of more than ${carriedUnitsLimit} interchanges from the blob store`, async () => {
    const id = await send(orders(carriedUnitsLimit + 1));
    expect(await routeJobOf(id)).toEqual({ messageId: id });
    await routeAll();
    expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("routed");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 100)).items).toHaveLength(
      carriedUnitsLimit + 1,
    );
  });

  it("reads the message again when the job carries no usable envelopes", async () => {
    const id = await send(orders(1, 40));
    const [job] = await pair.net.ctx.store.jobs.listByState("ready", 1);
    // A job as queued before envelopes were carried, or with a payload that is not a list of units.
    await pair.net.ctx.store.transaction(async (tx) => {
      await tx.jobs.claim(
        ["route"],
        "w",
        pair.net.clock.now().toISOString(),
        pair.net.clock.now().toISOString(),
      );
    });
    for (const payload of [{ messageId: id }, { messageId: id, units: [{ standard: 1 }] }]) {
      await pair.net.ctx.store.jobs.enqueue({
        id: `${job?.id}_${Object.keys(payload).length}`,
        kind: "route",
        payload,
        runAt: pair.net.clock.now().toISOString(),
        maxAttempts: 3,
      });
    }
    expect(await routeAll()).toBe(2);
    expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("routed");
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toHaveLength(1);
  });
});
