import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type HttpPushPeer,
  startHttpPushPeer,
  testHttpTransport,
} from "../../../test/support/http-push-peer.js";
import { allowLoopback } from "../../../test/support/outbound-allow.js";
import { bodyOf, tradingPairOrder, useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { writeEdi } from "../../edi/index.js";
import { isOpenVanError } from "../../kernel/index.js";
import type { DeliveryRecord } from "../../storage/ports/index.js";
import { receiveMessage } from "../ingest/receive-message.js";
import { JobRunner } from "../jobs/job-runner.js";
import { confirmPickup, getMailboxItem, listMailbox, resendItem } from "../mailbox/mailbox.js";
import { networkJobHandlers } from "../network-handlers.js";
import { outboundJobHandlers } from "./outbound-job-handlers.js";
import { createPushEndpoint, updatePushEndpoint } from "./push-endpoints.js";
import { repushDelivery } from "./repush-delivery.js";

// The push peer listens on loopback, which endpoints may name only when the operator allows it.
const pair = useTradingPairNetwork({ maxJobAttempts: 4, outboundAllow: allowLoopback });
let peer: HttpPushPeer;

beforeEach(async () => {
  peer = await startHttpPushPeer();
});
afterEach(async () => {
  await peer.close();
});

function x12(control: number): Buffer {
  return writeEdi([tradingPairOrder(control)]);
}

const runner = (): JobRunner =>
  new JobRunner(pair.net.ctx, {
    ...networkJobHandlers(pair.net.ctx),
    ...outboundJobHandlers(pair.net.ctx, { transports: { as2: testHttpTransport }, mailer: null }),
  });

/** Sends one interchange from Acme to Grocery Mart and runs what is due; the delivery made. */
async function sendAndRoute(control = 1): Promise<{ delivery: DeliveryRecord; bytes: Buffer }> {
  const bytes = x12(control);
  const verdict = await receiveMessage(pair.net.ctx, {
    accountId: pair.acme,
    channel: "api",
    body: bodyOf(bytes),
  });
  if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
  await runner().drain();
  const [delivery] = await pair.net.ctx.store.deliveries.listByMessage(verdict.messageId);
  if (delivery === undefined) throw new Error("not routed");
  return { delivery, bytes };
}

async function eventsOf(delivery: DeliveryRecord) {
  const events = await pair.net.ctx.store.events.listByMessage(delivery.messageId);
  return events.filter((e) => e.deliveryId === delivery.id);
}

const grocerEndpoint = () =>
  createPushEndpoint(pair.net.ctx, pair.grocer, { kind: "as2", settings: { url: peer.url } });

describe("outbound push", () => {
  it("pushes a delivery to the recipient's active endpoint instead of its mailbox", async () => {
    const endpoint = await grocerEndpoint();
    const { delivery, bytes } = await sendAndRoute();
    const pushed = await pair.net.ctx.store.deliveries.get(delivery.id);
    expect(pushed).toMatchObject({ route: "as2", state: "delivered" });
    expect(peer.received.get(delivery.id)).toEqual(bytes);
    expect((await listMailbox(pair.net.ctx, pair.grocer, null, 10)).items).toEqual([]);
    // A pushed delivery is no mailbox item: it cannot be picked up or resent as one.
    for (const call of [getMailboxItem, confirmPickup, resendItem]) {
      const refused = await call(pair.net.ctx, pair.grocer, delivery.id).catch((e: unknown) => e);
      expect(isOpenVanError(refused) && refused.code).toBe("NOT_FOUND");
    }
    const events = await eventsOf(delivery);
    expect(events.map((e) => e.type)).toEqual(["delivery.pushing", "delivery.delivered"]);
    expect(events[0]?.detail).toEqual({ endpointId: endpoint.id, route: "as2" });
    expect(events[1]?.detail).toEqual({
      attempt: 1,
      endpointId: endpoint.id,
      route: "as2",
      receipt: { receipt: `peer-${delivery.id}` },
    });
  });

  it("delivers to the mailbox when the endpoint is deactivated", async () => {
    const endpoint = await grocerEndpoint();
    await updatePushEndpoint(pair.net.ctx, pair.grocer, endpoint.id, { active: false });
    const { delivery } = await sendAndRoute();
    expect(delivery).toMatchObject({ route: "mailbox", state: "in_mailbox" });
    expect(peer.requests).toEqual([]);
  });

  it("retries a transient failure with exponential backoff, then delivers", async () => {
    await grocerEndpoint();
    peer.failNext(2);
    const start = pair.net.clock.now().getTime();
    const { delivery } = await sendAndRoute();
    expect((await pair.net.ctx.store.deliveries.get(delivery.id))?.state).toBe("pushing");
    const [job] = await pair.net.ctx.store.jobs.listByState("ready", 10);
    expect(job).toMatchObject({ kind: "push", attempts: 1, runAt: new Date(start + 1000).toISOString() });

    // Not due before its time.
    pair.net.clock.advance(999);
    expect(await runner().drain()).toBe(0);
    pair.net.clock.advance(1);
    await runner().drain();
    const [second] = await pair.net.ctx.store.jobs.listByState("ready", 10);
    expect(second).toMatchObject({ attempts: 2, runAt: new Date(start + 1000 + 2000).toISOString() });
    pair.net.clock.advance(2000);
    await runner().drain();

    expect((await pair.net.ctx.store.deliveries.get(delivery.id))?.state).toBe("delivered");
    expect(peer.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    const events = await eventsOf(delivery);
    expect(events.map((e) => e.type)).toEqual([
      "delivery.pushing",
      "delivery.push_attempt_failed",
      "delivery.push_attempt_failed",
      "delivery.delivered",
    ]);
    expect(events[1]?.detail).toMatchObject({
      attempt: 1,
      permanent: false,
      code: "PUSH_FAILED",
      retryAt: new Date(start + 1000).toISOString(),
    });
    expect(events[2]?.detail).toMatchObject({ attempt: 2, retryAt: new Date(start + 3000).toISOString() });
    expect(events[3]?.detail).toMatchObject({ attempt: 3 });
    expect(await pair.net.ctx.store.jobs.listByState("dead", 10)).toEqual([]);
  });

  it("gives up after the last attempt: push_failed, dead letter, both accounts notified", async () => {
    await grocerEndpoint();
    peer.failNext(100);
    const { delivery } = await sendAndRoute();
    for (let attempt = 2; attempt <= 4; attempt++) {
      pair.net.clock.advance(3600_000);
      await runner().drain();
    }
    expect(peer.requests).toHaveLength(4);
    expect((await pair.net.ctx.store.deliveries.get(delivery.id))?.state).toBe("push_failed");
    const dead = await pair.net.ctx.store.jobs.listByState("dead", 10);
    expect(dead.map((j) => [j.kind, j.attempts])).toEqual([["push", 4]]);
    expect(dead[0]?.lastError).toMatch(/push failed for good: the peer answered 503/);
    const types = (await eventsOf(delivery)).map((e) => e.type);
    expect(types.filter((t) => t === "delivery.push_attempt_failed")).toHaveLength(4);
    expect(types.at(-1)).toBe("delivery.push_failed");
    const notified = (await pair.net.ctx.store.jobs.listByState("done", 100)).filter(
      (j) => j.kind === "notify",
    );
    expect(notified.map((j) => j.payload.accountId).sort()).toEqual([pair.acme, pair.grocer].sort());
    expect(notified.every((j) => j.payload.type === "delivery.failed")).toBe(true);
  });

  it("does not retry a permanent refusal, and pushes again on request", async () => {
    await grocerEndpoint();
    peer.refuse();
    const { delivery, bytes } = await sendAndRoute();
    expect(peer.requests.map((r) => r.status)).toEqual([422]);
    expect((await pair.net.ctx.store.deliveries.get(delivery.id))?.state).toBe("push_failed");
    expect((await pair.net.ctx.store.jobs.listByState("dead", 10)).map((j) => j.attempts)).toEqual([1]);
    const failed = (await eventsOf(delivery)).find((e) => e.type === "delivery.push_failed");
    expect(failed?.detail).toMatchObject({ permanent: true, code: "PUSH_REJECTED", attempt: 1 });

    peer.accept();
    const again = await repushDelivery(
      pair.net.ctx,
      { accountId: pair.grocer, scope: "account" },
      delivery.id,
    );
    expect(again.state).toBe("pushing");
    await runner().drain();
    expect((await pair.net.ctx.store.deliveries.get(delivery.id))?.state).toBe("delivered");
    expect(peer.received.get(delivery.id)).toEqual(bytes);
    const types = (await eventsOf(delivery)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["delivery.repush", "delivery.delivered"]);

    const refused = await repushDelivery(
      pair.net.ctx,
      { accountId: pair.grocer, scope: "account" },
      delivery.id,
    ).catch((e: unknown) => e);
    expect(isOpenVanError(refused) && refused.code).toBe("DELIVERY_NOT_PUSH_FAILED");
    const stranger = await repushDelivery(
      pair.net.ctx,
      { accountId: "acc_other", scope: "account" },
      delivery.id,
    ).catch((e: unknown) => e);
    expect(isOpenVanError(stranger) && stranger.code).toBe("NOT_FOUND");
  });

  it("pushes again with the same delivery id after a crash between the push and its record", async () => {
    await grocerEndpoint();
    // The push reaches the peer, then the node dies before recording it: seen here as the transport
    // failing after the peer took the bytes.
    let crashes = 1;
    const crashing = {
      kind: "as2" as const,
      async push(...args: Parameters<typeof testHttpTransport.push>) {
        const receipt = await testHttpTransport.push(...args);
        if (crashes-- > 0) throw new Error("node died");
        return receipt;
      },
    };
    const bytes = x12(7);
    const verdict = await receiveMessage(pair.net.ctx, {
      accountId: pair.acme,
      channel: "api",
      body: bodyOf(bytes),
    });
    if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
    const crashRunner = () =>
      new JobRunner(pair.net.ctx, {
        ...networkJobHandlers(pair.net.ctx),
        ...outboundJobHandlers(pair.net.ctx, { transports: { as2: crashing }, mailer: null }),
      });
    await crashRunner().drain();
    pair.net.clock.advance(1000);
    await crashRunner().drain();
    const [delivery] = await pair.net.ctx.store.deliveries.listByMessage(verdict.messageId);
    expect(delivery?.state).toBe("delivered");
    expect(peer.requests.map((r) => r.deliveryId)).toEqual([delivery?.id, delivery?.id]);
    expect([...peer.received.keys()]).toEqual([delivery?.id]);
  });

  it("fails for good when this node has no transport of the endpoint's kind", async () => {
    await createPushEndpoint(pair.net.ctx, pair.grocer, {
      kind: "sftp",
      settings: { host: "127.0.0.1", port: 22 },
    });
    const { delivery } = await sendAndRoute();
    expect((await pair.net.ctx.store.deliveries.get(delivery.id))?.state).toBe("push_failed");
    const failed = (await eventsOf(delivery)).find((e) => e.type === "delivery.push_failed");
    expect(failed?.detail).toMatchObject({ error: "this node has no sftp transport to push with" });
  });
});
