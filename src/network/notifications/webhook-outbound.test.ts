import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowLoopback } from "../../../test/support/outbound-allow.js";
import { sendPriceList, useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/support/webhook-receiver.js";
import { isOpenVanError } from "../../kernel/index.js";
import { outboundJobHandlers } from "../delivery/outbound-job-handlers.js";
import { JobRunner } from "../jobs/job-runner.js";
import type { NetworkContext } from "../network-context.js";
import { networkJobHandlers } from "../network-handlers.js";
import { createWebhook, listWebhookCalls } from "./webhooks.js";

// The network as an operator runs it by default: public addresses only.
const pair = useTradingPairNetwork({ maxJobAttempts: 3 });
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

/** The same network with loopback allowed, as after a restart with OPENVAN_OUTBOUND_ALLOW=127.0.0.0/8,::1. */
const allowingLoopback = (): NetworkContext => ({
  ...pair.net.ctx,
  settings: { ...pair.net.ctx.settings, outboundAllow: allowLoopback },
});

const runner = (ctx: NetworkContext): JobRunner =>
  new JobRunner(ctx, {
    ...networkJobHandlers(ctx),
    ...outboundJobHandlers(ctx, { transports: {}, mailer: null }),
  });

const sendFile = (): Promise<string> => sendPriceList(pair.net.ctx, pair);

const admin = { accountId: "acc_operator", scope: "admin" };

describe("webhooks and the outbound guard", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:5432/",
    "http://localhost:8080/api/v1/admin",
    "http://[::ffff:10.0.0.1]/",
  ])("refuses to register %s", async (url) => {
    const error = await createWebhook(pair.net.ctx, pair.grocer, { url }).catch((e: unknown) => e);
    expect(isOpenVanError(error) && error.code).toBe("OUTBOUND_ADDRESS_REFUSED");
    expect(isOpenVanError(error) && error.details.field).toBe("url");
    expect(await pair.net.ctx.store.webhooks.listByAccount(pair.grocer)).toEqual([]);
  });

  it.each([
    ["an IP literal", (url: string) => url, "127.0.0.1"],
    ["a host name resolved to it", (url: string) => url.replace("127.0.0.1", "localhost"), "localhost"],
  ])(
    "does not call loopback named by %s: the call fails at once with the reason, no retry",
    async (_, urlOf, host) => {
      // Registered while the operator allowed loopback; the network now runs without that setting.
      const webhook = await createWebhook(allowingLoopback(), pair.grocer, {
        url: urlOf(receiver.url),
        events: ["mailbox.item"],
      });
      await sendFile();
      await runner(pair.net.ctx).drain();
      pair.net.clock.advance(3600_000);
      await runner(pair.net.ctx).drain();

      expect(receiver.calls).toEqual([]);
      const [call] = (await listWebhookCalls(pair.net.ctx, admin, webhook.id, null, 10)).items;
      expect(call).toMatchObject({ state: "failed", attempts: 1, lastStatus: null });
      expect(call?.lastError).toMatch(
        new RegExp(
          `^${webhook.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} was not called: OpenVAN does not connect to ${host}: ` +
            "(127\\.0\\.0\\.1|::1) is a loopback address \\((127\\.0\\.0\\.0/8|::1/128)\\), this machine itself; " +
            "the operator can allow it with OPENVAN_OUTBOUND_ALLOW",
        ),
      );
      const dead = await pair.net.ctx.store.jobs.listByState("dead", 10);
      expect(dead.map((j) => [j.kind, j.attempts])).toEqual([["webhook", 1]]);
      expect(dead[0]?.lastError).toContain("OPENVAN_OUTBOUND_ALLOW");
    },
  );

  it("calls a receiver on 127.0.0.1 when the operator allows loopback", async () => {
    const ctx = allowingLoopback();
    const webhook = await createWebhook(ctx, pair.grocer, { url: receiver.url, events: ["mailbox.item"] });
    await sendFile();
    await runner(ctx).drain();
    expect(receiver.calls.map((c) => c.status)).toEqual([204]);
    const [call] = (await listWebhookCalls(ctx, admin, webhook.id, null, 10)).items;
    expect(call).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 204, lastError: null });
  });
});
