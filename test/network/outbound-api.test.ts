import { createHmac } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { ensureOperatorKey, openServices, type Services } from "../../src/services/index.js";
import {
  addCompany,
  eventually,
  type TestCompany,
  type TestNetwork,
  x12Order,
} from "../support/client-test-network.js";
import { type HttpPushPeer, startHttpPushPeer, testHttpTransport } from "../support/http-push-peer.js";
import { loopbackAllowList } from "../support/outbound-allow.js";
import { postMessage } from "../support/post-message.js";
import { runCli } from "../support/run-cli.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

/**
 * Outbound push and webhooks through a real server: its REST API, the `openvan` CLI, its job workers, the
 * test's HTTP push peer as the recipient's endpoint and a webhook receiver checking signatures.
 */
let services: Services;
let net: TestNetwork;
let peer: HttpPushPeer;
let receiver: WebhookReceiver;
let acme: TestCompany;
let grocer: TestCompany;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "openvan-outbound-"));
  // The push peer and the webhook receiver listen on loopback: allowed, as an operator would, and no more.
  const config = loadConfig({
    env: { OPENVAN_OUTBOUND_ALLOW: loopbackAllowList },
    overrides: { dataDir, host: "127.0.0.1", port: 0 },
  });
  services = await openServices(config, { transports: { as2: testHttpTransport } });
  const url = await services.start();
  const operator = await ensureOperatorKey(services.ctx, dataDir);
  const adminKey = (await readFile(operator.file, "utf8")).trim();
  net = {
    url,
    dataDir,
    services,
    adminKey,
    run: (key, ...args) => runCli(...args, "--url", url, "--key", key),
    close: async () => undefined,
  };
  peer = await startHttpPushPeer();
  receiver = await startWebhookReceiver();
  acme = await addCompany(net, "Acme Foods", "ZZ:ACMEFOODS");
  grocer = await addCompany(net, "Grocery Mart", "ZZ:GROCERYMART");
});

afterAll(async () => {
  await services?.stop();
  await peer?.close();
  await receiver?.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Story {
  deliveries: { id: string; state: string }[];
  events: { type: string; detail: Record<string, unknown> }[];
}

/** The message's story as `key` sees it; null while a recipient cannot see it yet (not routed: 404). */
async function story(key: string, messageId: string): Promise<Story | null> {
  const answer = await fetch(`${net.url}/api/v1/messages/${messageId}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  if (answer.status === 404) return null;
  expect(answer.status).toBe(200);
  return (await answer.json()) as Story;
}

const deliveryIn = (key: string, messageId: string, state: string) =>
  eventually(async () => {
    const [delivery] = (await story(key, messageId))?.deliveries ?? [];
    return delivery?.state === state ? delivery : undefined;
  });

function checkSignature(secret: string, call: { headers: Record<string, unknown>; body: string }): void {
  const timestamp = String(call.headers["x-openvan-timestamp"]);
  const hex = createHmac("sha256", secret).update(`${timestamp}.${call.body}`).digest("hex");
  expect(call.headers["x-openvan-signature"]).toBe(`sha256=${hex}`);
}

describe("push endpoints, re-push and webhooks over the API and the CLI", () => {
  it("pushes to the endpoint, reports a refusal by webhook, and pushes again on request", async () => {
    const added = await net.run(
      net.adminKey,
      "admin",
      "endpoint",
      "add",
      grocer.id,
      "as2",
      "--set",
      `url=${peer.url}`,
      "--set",
      "password=hunter2",
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      new RegExp(`^pep_\\w+  as2  active  \\{"url":"${peer.url}","password":"\\*\\*\\*"\\}\\n$`),
    );

    const hook = await net.run(
      grocer.key,
      "webhook",
      "add",
      receiver.url,
      "--events",
      "delivery.failed,mailbox.item",
      "--json",
    );
    expect(hook.code).toBe(0);
    const webhook = JSON.parse(hook.stdout) as { id: string; secret: string; events: string[] };
    expect(webhook.events).toEqual(["delivery.failed", "mailbox.item"]);
    expect(webhook.secret.length).toBeGreaterThanOrEqual(16);

    peer.refuse();
    const messageId = await postMessage(net.url, acme.key, x12Order("ACMEFOODS", "GROCERYMART", 501));
    const failed = await deliveryIn(grocer.key, messageId, "push_failed");
    const call = await eventually(async () =>
      receiver.calls.find((c) => c.headers["x-openvan-event"] === "delivery.failed"),
    );
    checkSignature(webhook.secret, call);
    expect(JSON.parse(call.body)).toMatchObject({
      type: "delivery.failed",
      accountId: grocer.id,
      subject: { deliveryId: failed.id, messageId },
      detail: { to: "ZZ:GROCERYMART", route: "as2", attempts: 1 },
    });

    // Only the sender, the recipient or an admin may push it again.
    const stranger = await addCompany(net, "Stranger", "ZZ:STRANGER");
    const refused = await net.run(stranger.key, "delivery", "push", failed.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/NOT_FOUND/);

    peer.accept();
    const again = await net.run(grocer.key, "delivery", "push", failed.id);
    expect(again.stdout).toBe(`${failed.id}  pushing\n`);
    await deliveryIn(grocer.key, messageId, "delivered");
    expect(peer.received.get(failed.id)?.toString("latin1")).toBe(x12Order("ACMEFOODS", "GROCERYMART", 501));
    const types = (await story(acme.key, messageId))?.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "delivery.pushing",
        "delivery.push_failed",
        "delivery.repush",
        "delivery.delivered",
      ]),
    );
    const twice = await net.run(grocer.key, "delivery", "push", failed.id);
    expect(twice.stderr).toMatch(/^openvan: DELIVERY_NOT_PUSH_FAILED: /);

    const log = await net.run(grocer.key, "webhook", "log", webhook.id);
    expect(log.code).toBe(0);
    expect(log.stdout).toMatch(/^whc_\w+ {2}delivery\.failed {2}delivered {2}attempts 1 {2}204 {2}/);
  });

  it("sends to the mailbox once the endpoint is deactivated, with a mailbox.item webhook", async () => {
    const list = await net.run(net.adminKey, "admin", "endpoint", "list", grocer.id, "--json");
    const [endpoint] = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string });
    const off = await net.run(net.adminKey, "admin", "endpoint", "deactivate", grocer.id, endpoint?.id ?? "");
    expect(off.stdout).toMatch(/ {2}as2 {2}inactive {2}/);
    const messageId = await postMessage(net.url, acme.key, x12Order("ACMEFOODS", "GROCERYMART", 502));
    const delivery = await deliveryIn(grocer.key, messageId, "in_mailbox");
    const call = await eventually(async () =>
      receiver.calls.find(
        (c) => c.headers["x-openvan-event"] === "mailbox.item" && c.body.includes(delivery.id),
      ),
    );
    expect(JSON.parse(call.body)).toMatchObject({
      type: "mailbox.item",
      subject: { deliveryId: delivery.id },
    });
    const [hook] = (await net.run(grocer.key, "webhook", "list", "--json")).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; secret?: string });
    expect(hook?.secret).toBeUndefined();
    const page = await fetch(`${net.url}/api/v1/webhooks/${hook?.id}/deliveries?limit=1`, {
      headers: { authorization: `Bearer ${grocer.key}` },
    }).then((r) => r.json() as Promise<{ items: { type: string; state: string }[]; next: string | null }>);
    expect(page.items).toEqual([expect.objectContaining({ type: "mailbox.item", state: "delivered" })]);
    expect(page.next).toMatch(/^\/api\/v1\/webhooks\/whk_\w+\/deliveries\?limit=1&after=whc_\w+$/);
    const other = await fetch(`${net.url}/api/v1/webhooks/${hook?.id}/deliveries`, {
      headers: { authorization: `Bearer ${acme.key}` },
    });
    expect(other.status).toBe(404);
  });

  it("routes to an interconnect's identities by pushing to the other network", async () => {
    const made = await net.run(
      net.adminKey,
      "admin",
      "interconnect",
      "add",
      "Network B",
      "--network",
      "network-b",
      "--kind",
      "as2",
      "--set",
      `url=${peer.url}`,
      "--identity",
      "ZZ:FARAWAY",
      "--identity",
      "ZZ:FARTHER",
    );
    expect(made.stderr).toBe("");
    expect(made.stdout).toMatch(
      /^acc_\w+ {2}Network B {2}network network-b {2}ZZ:FARAWAY,ZZ:FARTHER {2}as2\n$/,
    );
    const listed = await net.run(net.adminKey, "admin", "interconnect", "list", "--json");
    expect(JSON.parse(listed.stdout)).toMatchObject({ kind: "interconnect", network: "network-b" });
    const messageId = await postMessage(net.url, acme.key, x12Order("ACMEFOODS", "FARTHER", 503));
    const delivery = await deliveryIn(acme.key, messageId, "delivered");
    expect(peer.received.get(delivery.id)?.toString("latin1")).toBe(x12Order("ACMEFOODS", "FARTHER", 503));

    const invalid = await net.run(
      net.adminKey,
      "admin",
      "interconnect",
      "add",
      "Broken",
      "--network",
      "x",
      "--kind",
      "sftp",
    );
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^openvan: PUSH_ENDPOINT_INVALID: an sftp endpoint needs settings\.host/);
    // Nothing of the refused interconnect was kept.
    const after = await net.run(net.adminKey, "admin", "account", "list");
    expect(after.stdout).not.toContain("Broken");
  });

  it("answers 400 to a webhook, endpoint or interconnect at an address the network does not call", async () => {
    const post = (key: string, path: string, body: unknown) =>
      fetch(`${net.url}/api/v1${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error: Record<string, unknown> },
      }));

    const metadata = await post(grocer.key, "/webhooks", { url: "http://169.254.169.254/latest/meta-data/" });
    expect(metadata.status).toBe(400);
    expect(metadata.body.error).toMatchObject({
      code: "OUTBOUND_ADDRESS_REFUSED",
      field: "url",
      host: "169.254.169.254",
      address: "169.254.169.254",
      reason: "link-local",
      setting: "OPENVAN_OUTBOUND_ALLOW",
    });
    expect(metadata.body.error.message).toBe(
      "OpenVAN does not connect to 169.254.169.254: 169.254.169.254 is a link-local address (169.254.0.0/16), " +
        "where cloud metadata services answer; the operator can allow it with OPENVAN_OUTBOUND_ALLOW " +
        "(openvan serve --outbound-allow), e.g. 169.254.169.254/32, or private for every non-public address",
    );

    const sftp = await post(net.adminKey, `/admin/accounts/${grocer.id}/endpoints`, {
      kind: "sftp",
      settings: { host: "10.0.0.5", username: "van" },
    });
    expect(sftp.status).toBe(400);
    expect(sftp.body.error).toMatchObject({ code: "OUTBOUND_ADDRESS_REFUSED", field: "settings.host" });
    const interconnect = await net.run(
      net.adminKey,
      "admin",
      "interconnect",
      "add",
      "Inside",
      "--network",
      "inside",
      "--kind",
      "as2",
      "--set",
      "url=http://[::ffff:192.168.0.1]/as2",
      "--identity",
      "ZZ:INSIDE",
    );
    expect(interconnect.code).toBe(1);
    expect(interconnect.stderr).toMatch(
      /^openvan: OUTBOUND_ADDRESS_REFUSED: OpenVAN does not connect to \[::ffff:c0a8:1\]: ::ffff:c0a8:1 is the IPv4-mapped form of 192\.168\.0\.1, a private address/,
    );
    const cli = await net.run(grocer.key, "webhook", "add", "http://192.168.1.1/hook");
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(
      /^openvan: OUTBOUND_ADDRESS_REFUSED: OpenVAN does not connect to 192\.168\.1\.1: /,
    );

    // Loopback, allowed by this network's operator, is taken; nothing refused was kept.
    const allowed = await post(grocer.key, "/webhooks", { url: "http://localhost:1/hook" });
    expect(allowed.status).toBe(201);
    const hooks = (await net.run(grocer.key, "webhook", "list", "--json")).stdout;
    expect(hooks).not.toMatch(/169\.254|192\.168/);
    expect((await net.run(net.adminKey, "admin", "account", "list")).stdout).not.toContain("Inside");
    await fetch(`${net.url}/api/v1/webhooks/${(allowed.body as unknown as { id: string }).id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${grocer.key}` },
    });
  });

  it("keeps an account's notification e-mail address", async () => {
    expect((await net.run(grocer.key, "notify-email", "show")).stdout).toBe("no notification e-mail\n");
    const set = await net.run(
      grocer.key,
      "notify-email",
      "set",
      "edi@grocery.example",
      "--events",
      "ack.overdue",
    );
    expect(set.stdout).toBe("edi@grocery.example  ack.overdue\n");
    const bad = await net.run(grocer.key, "notify-email", "set", "not-an-address");
    expect(bad.stderr).toMatch(/^openvan: WEBHOOK_INVALID: "not-an-address" is not an e-mail address/);
    const byAdmin = await net.run(net.adminKey, "admin", "notify-email", grocer.id, "ops@grocery.example");
    expect(byAdmin.code).toBe(0);
    expect((await net.run(grocer.key, "notify-email", "show")).stdout).toBe(
      "ops@grocery.example  mailbox.item,delivery.failed,ack.overdue,certificate.expiring\n",
    );
    expect((await net.run(grocer.key, "notify-email", "clear")).code).toBe(0);
    expect((await net.run(grocer.key, "notify-email", "show")).stdout).toBe("no notification e-mail\n");
  });

  it("documents its routes in the OpenAPI document", async () => {
    const doc = (await fetch(`${net.url}/docs/json`).then((r) => r.json())) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/webhooks",
        "/api/v1/webhooks/{id}/deliveries",
        "/api/v1/notifications/email",
        "/api/v1/deliveries/{id}/push",
        "/api/v1/admin/accounts/{id}/endpoints",
        "/api/v1/admin/accounts/{id}/endpoints/{endpointId}",
        "/api/v1/admin/interconnects",
      ]),
    );
  });

  it("needs an admin key for endpoints and interconnects", async () => {
    const denied = await net.run(grocer.key, "admin", "endpoint", "list", grocer.id);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/FORBIDDEN/);
  });
});
