import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowLoopback } from "../../../test/support/outbound-allow.js";
import { aiosmtpdMissing, type SmtpSink, startSmtpSink } from "../../../test/support/smtp-sink.js";
import { sendPriceList, useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/support/webhook-receiver.js";
import { isOpenVanError } from "../../kernel/index.js";
import { outboundJobHandlers } from "../delivery/outbound-job-handlers.js";
import { JobRunner } from "../jobs/job-runner.js";
import { networkJobHandlers } from "../network-handlers.js";
import { type NotificationMailer, smtpMailer } from "./mailer.js";
import { notifyAccount } from "./notify-account.js";
import { createWebhook, listWebhookCalls, setNotificationEmail, setWebhookActive } from "./webhooks.js";

// The receiver listens on loopback, which the network calls only when the operator allows it.
const pair = useTradingPairNetwork({ maxJobAttempts: 3, outboundAllow: allowLoopback });
let receiver: WebhookReceiver;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const runner = (mailer: NotificationMailer | null = null): JobRunner =>
  new JobRunner(pair.net.ctx, {
    ...networkJobHandlers(pair.net.ctx),
    ...outboundJobHandlers(pair.net.ctx, { transports: {}, mailer }),
  });

const sendFile = (): Promise<string> => sendPriceList(pair.net.ctx, pair);

const admin = { accountId: "acc_operator", scope: "admin" };

describe("webhooks", () => {
  it("POSTs a signed notification of a new mailbox item, and logs it", async () => {
    const secret = "a-long-enough-shared-secret";
    const webhook = await createWebhook(pair.net.ctx, pair.grocer, {
      url: receiver.url,
      secret,
      events: ["mailbox.item"],
    });
    const messageId = await sendFile();
    await runner().drain();

    expect(receiver.calls).toHaveLength(1);
    const [call] = receiver.calls;
    const timestamp = call?.headers["x-openvan-timestamp"];
    // The clock of the test network, in Unix seconds.
    expect(timestamp).toBe(String(Math.floor(pair.net.clock.now().getTime() / 1000)));
    const expected = createHmac("sha256", secret).update(`${timestamp}.${call?.body}`).digest("hex");
    expect(call?.headers["x-openvan-signature"]).toBe(`sha256=${expected}`);
    expect(call?.headers["x-openvan-event"]).toBe("mailbox.item");
    expect(call?.headers["content-type"]).toBe("application/json");
    const [delivery] = await pair.net.ctx.store.deliveries.listByMessage(messageId);
    expect(JSON.parse(call?.body ?? "")).toMatchObject({
      type: "mailbox.item",
      accountId: pair.grocer,
      subject: { messageId, deliveryId: delivery?.id, accountId: pair.grocer },
      detail: { from: "ZZ:ACMEFOODS", to: "ZZ:GROCERYMART", format: "file", size: 12 },
    });

    const log = await listWebhookCalls(
      pair.net.ctx,
      { accountId: pair.grocer, scope: "account" },
      webhook.id,
      null,
      10,
    );
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      state: "delivered",
      attempts: 1,
      lastStatus: 204,
      lastError: null,
      type: "mailbox.item",
      body: call?.body,
    });
    expect(call?.headers["x-openvan-delivery"]).toBe(log.items[0]?.id);
    const other = await listWebhookCalls(
      pair.net.ctx,
      { accountId: pair.acme, scope: "account" },
      webhook.id,
      null,
      10,
    ).catch((e: unknown) => e);
    expect(isOpenVanError(other) && other.code).toBe("NOT_FOUND");
  });

  it("queues nothing for an account without webhooks, nor for types it did not ask for", async () => {
    await createWebhook(pair.net.ctx, pair.grocer, { url: receiver.url, events: ["delivery.failed"] });
    await createWebhook(pair.net.ctx, pair.acme, { url: receiver.url, events: ["mailbox.item"] });
    await sendFile();
    await runner().drain();
    const jobs = await pair.net.ctx.store.jobs.listByState("done", 100);
    expect(jobs.filter((j) => j.kind !== "route")).toEqual([]);
    expect(receiver.calls).toEqual([]);
  });

  it("retries a failing URL with backoff, then delivers the same signed body", async () => {
    const webhook = await createWebhook(pair.net.ctx, pair.grocer, {
      url: receiver.url,
      events: ["mailbox.item"],
    });
    receiver.failNext(2);
    await sendFile();
    await runner().drain();
    const [pending] = (await listWebhookCalls(pair.net.ctx, admin, webhook.id, null, 10)).items;
    expect(pending).toMatchObject({ state: "pending", attempts: 1, lastStatus: 500 });
    expect(pending?.lastError).toBe(`${receiver.url} answered 500`);
    pair.net.clock.advance(999);
    await runner().drain();
    expect(receiver.calls).toHaveLength(1);
    pair.net.clock.advance(1);
    await runner().drain();
    pair.net.clock.advance(2000);
    await runner().drain();
    expect(receiver.calls.map((c) => c.status)).toEqual([500, 500, 204]);
    expect(new Set(receiver.calls.map((c) => c.body)).size).toBe(1);
    // Each attempt is signed with its own timestamp.
    expect(new Set(receiver.calls.map((c) => c.headers["x-openvan-timestamp"])).size).toBe(3);
    const [done] = (await listWebhookCalls(pair.net.ctx, admin, webhook.id, null, 10)).items;
    expect(done).toMatchObject({ state: "delivered", attempts: 3, lastStatus: 204, lastError: null });
  });

  it("logs a call failed after the last attempt and leaves its job in the dead letters", async () => {
    const webhook = await createWebhook(pair.net.ctx, pair.grocer, {
      url: receiver.url,
      events: ["mailbox.item"],
    });
    receiver.failNext(10);
    await sendFile();
    for (let i = 0; i < 3; i++) {
      await runner().drain();
      pair.net.clock.advance(3600_000);
    }
    const [failed] = (await listWebhookCalls(pair.net.ctx, admin, webhook.id, null, 10)).items;
    expect(failed).toMatchObject({ state: "failed", attempts: 3, lastStatus: 500 });
    const dead = await pair.net.ctx.store.jobs.listByState("dead", 10);
    expect(dead.map((j) => j.kind)).toEqual(["webhook"]);
    expect(dead[0]?.lastError).toBe(`${receiver.url} answered 500`);
  });

  it("does not call a deactivated webhook", async () => {
    const webhook = await createWebhook(pair.net.ctx, pair.grocer, { url: receiver.url });
    await setWebhookActive(pair.net.ctx, { accountId: pair.grocer, scope: "account" }, webhook.id, false);
    await sendFile();
    await runner().drain();
    expect(receiver.calls).toEqual([]);
  });

  it("refuses a URL that is not http(s), a short secret and unknown types", async () => {
    const codes = await Promise.all(
      [
        { url: "ftp://example.com/hook" },
        { url: receiver.url, secret: "short" },
        { url: receiver.url, events: ["mailbox.item", "message.sent"] },
      ].map((input) =>
        createWebhook(pair.net.ctx, pair.grocer, input).catch((e: unknown) => isOpenVanError(e) && e.code),
      ),
    );
    expect(codes).toEqual(["WEBHOOK_INVALID", "WEBHOOK_INVALID", "WEBHOOK_INVALID"]);
  });

  it("sends one call per notification even when the notify job runs twice", async () => {
    const webhook = await createWebhook(pair.net.ctx, pair.grocer, { url: receiver.url });
    await pair.net.ctx.store.transaction((tx) =>
      notifyAccount(pair.net.ctx, tx, {
        accountId: pair.grocer,
        type: "ack.overdue",
        subject: { accountId: pair.grocer },
        detail: { control: "000000101" },
      }),
    );
    const [job] = await pair.net.ctx.store.jobs.listByState("ready", 10);
    const handlers = outboundJobHandlers(pair.net.ctx, { transports: {}, mailer: null });
    const notify = handlers.notify;
    if (notify === undefined || typeof notify === "function" || job === undefined) throw new Error("staged");
    const prepared = await notify.prepare(job);
    expect(await pair.net.ctx.store.transaction((tx) => notify.apply(tx, prepared, job))).toBe(1);
    expect(await pair.net.ctx.store.transaction((tx) => notify.apply(tx, prepared, job))).toBe(0);
    expect((await listWebhookCalls(pair.net.ctx, admin, webhook.id, null, 10)).items).toHaveLength(1);
  });
});

describe("notification e-mail", async () => {
  const missing = await aiosmtpdMissing();
  let sink: SmtpSink;
  beforeEach(async () => {
    if (missing === null) sink = await startSmtpSink();
  });
  afterEach(async () => {
    if (missing === null) await sink.close();
  });

  it.skipIf(missing !== null)(
    `mails a notification through a real SMTP server${missing ? ` (${missing})` : ""}`,
    async () => {
      await setNotificationEmail(pair.net.ctx, pair.grocer, {
        address: "edi@grocerymart.example",
        events: ["ack.overdue"],
      });
      await pair.net.ctx.store.transaction((tx) =>
        notifyAccount(pair.net.ctx, tx, {
          accountId: pair.grocer,
          type: "ack.overdue",
          subject: { accountId: pair.grocer, messageId: "msg_123" },
          detail: { control: "000000101", dueAt: "2026-03-02T09:00:00.000Z" },
        }),
      );
      const mailer = smtpMailer(sink.url, "OpenVAN <noreply@openvan.example>");
      try {
        await runner(mailer).drain();
      } finally {
        mailer.close();
      }
      const [job] = (await pair.net.ctx.store.jobs.listByState("done", 10)).filter(
        (j) => j.kind === "notify",
      );
      const mails = await sink.mails(1);
      expect(mails).toHaveLength(1);
      const mail = mails[0] ?? "";
      expect(mail).toMatch(/^To: edi@grocerymart\.example$/m);
      expect(mail).toMatch(/^From: OpenVAN <noreply@openvan\.example>$/m);
      expect(mail).toMatch(/^Subject: OpenVAN: An acknowledgment is overdue$/m);
      expect(mail).toContain(`Message-ID: <${job?.id}@openvan>`);
      expect(mail).toContain("Type: ack.overdue");
      expect(mail).toContain("messageId: msg_123");
      expect(mail).toContain('"control": "000000101"');
    },
  );

  it("mails nothing, and queues no mail job, when the node has no SMTP server", async () => {
    await setNotificationEmail(pair.net.ctx, pair.grocer, { address: "edi@grocerymart.example" });
    await sendFile();
    await runner(null).drain();
    const kinds = (await pair.net.ctx.store.jobs.listByState("done", 100)).map((j) => j.kind).sort();
    expect(kinds).toEqual(["notify", "route"]);
  });
});
