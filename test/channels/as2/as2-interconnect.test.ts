import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import {
  addIdentity,
  createAccount,
  createInterconnect,
  receiveMessage,
} from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { eventually, x12Order } from "../../support/client-test-network.js";
import { loopbackAllowList } from "../../support/outbound-allow.js";
import { bodyOf } from "../../support/temp-network.js";

// Two OpenVAN networks in one process exchange interchanges over AS2 both ways: A → B with a signed sync MDN,
// B → A with a signed async MDN, both signed, encrypted (one compressed), each side checking the other's MDN.
let dir: string;
const nodes: { services: Services; url: string; as2Id: string }[] = [];
let acmeOnA: string;
let grocerOnB: string;

async function node(as2Id: string): Promise<{ services: Services; url: string; as2Id: string }> {
  const services = await openServices(
    loadConfig({
      // The other network listens on this machine's loopback, which each must be allowed to reach.
      env: { OPENVAN_AS2_ID: as2Id, OPENVAN_OUTBOUND_ALLOW: loopbackAllowList },
      overrides: { dataDir: join(dir, as2Id), host: "127.0.0.1", port: 0, sftpPort: "off" },
    }),
  );
  const url = await services.start();
  const started = { services, url, as2Id };
  nodes.push(started);
  return started;
}

/** On `here`, an interconnect account for `there` holding `identity`, with an AS2 profile and its certificate. */
async function link(
  here: { services: Services },
  there: { url: string; as2Id: string },
  identity: string,
  options: { mdn: "sync" | "async"; compress: boolean; cipher: string; keyTransport: string },
): Promise<void> {
  const interconnect = await createInterconnect(here.services.ctx, {
    name: `Network ${there.as2Id}`,
    network: there.as2Id,
    identities: [identity],
    endpoint: { kind: "as2", settings: { url: `${there.url}/as2`, as2Id: there.as2Id } },
  });
  const profile = await createAs2Profile(here.services.ctx, interconnect.account.id, {
    as2Id: there.as2Id,
    url: `${there.url}/as2`,
    requireEncrypted: true,
    mdn: options.mdn,
    compress: options.compress,
    cipher: options.cipher,
    keyTransport: options.keyTransport,
  });
  const pem = await (await fetch(`${there.url}/as2/certificate`)).text();
  await addProfileCertificates(here.services.ctx, profile.id, Buffer.from(pem), "both");
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-as2-ic-"));
  const a = await node("NET-A");
  const b = await node("NET-B");
  const acme = await createAccount(a.services.ctx, "Acme Foods");
  await addIdentity(a.services.ctx, acme.id, "ZZ:ACMEFOODS");
  const grocer = await createAccount(b.services.ctx, "Grocery Mart");
  await addIdentity(b.services.ctx, grocer.id, "ZZ:GROCERYMART");
  acmeOnA = acme.id;
  grocerOnB = grocer.id;
  await link(a, b, "ZZ:GROCERYMART", {
    mdn: "sync",
    compress: false,
    cipher: "aes-256-cbc",
    keyTransport: "rsa-pkcs1",
  });
  await link(b, a, "ZZ:ACMEFOODS", {
    mdn: "async",
    compress: true,
    cipher: "aes-128-gcm",
    keyTransport: "rsa-oaep",
  });
});
afterAll(async () => {
  for (const n of nodes) await n.services.stop();
  await rm(dir, { recursive: true, force: true });
});

async function send(services: Services, accountId: string, text: string): Promise<string> {
  const verdict = await receiveMessage(services.ctx, { accountId, channel: "api", body: bodyOf(text) });
  if (verdict.kind !== "accepted") throw verdict.error;
  return verdict.messageId;
}

describe("two OpenVAN networks over AS2", () => {
  it("A → B: pushed over AS2, sync signed MDN verified with its MIC, in Grocery Mart's mailbox on B", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const order = x12Order("ACMEFOODS", "GROCERYMART", 501);
    const messageId = await send(a.services, acmeOnA, order);
    const delivered = await eventually(async () => {
      const [delivery] = await a.services.ctx.store.deliveries.listByMessage(messageId);
      return delivery?.state === "delivered" ? delivery : undefined;
    }, 30_000);
    const events = await a.services.ctx.store.events.listByMessage(messageId);
    const receipt = events.find((e) => e.type === "delivery.delivered")?.detail.receipt as Record<
      string,
      unknown
    >;
    expect(receipt).toMatchObject({
      disposition: "automatic-action/MDN-sent-automatically; processed",
      mdnSigned: true,
    });
    expect(String(receipt.mic)).toMatch(/, sha-256$/);
    const out = await a.services.ctx.store.as2.findMessage(
      "out",
      (await a.services.ctx.store.as2.findProfileByAs2Id("NET-B"))?.id ?? "",
      `${delivered.id}@NET-A`,
    );
    expect(out?.mdnBody?.length).toBeGreaterThan(500);
    const item = await eventually(async () => {
      const page = await b.services.ctx.store.deliveries.listMailbox(grocerOnB, "in_mailbox", null, 10);
      return page.items.find((i) => i.format === "x12");
    }, 30_000);
    const bytes = await b.services.ctx.blobs.get(item.blobKey);
    const chunks: Buffer[] = [];
    for await (const chunk of bytes) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).subarray(item.rangeStart, item.rangeEnd).toString()).toBe(order);
  });

  it("B → A: compressed, AES-GCM and RSA-OAEP, with an async signed MDN that B verifies and keeps", async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const order = x12Order("GROCERYMART", "ACMEFOODS", 777);
    const messageId = await send(b.services, grocerOnB, order);
    const delivery = await eventually(async () => {
      const [d] = await b.services.ctx.store.deliveries.listByMessage(messageId);
      return d?.state === "delivered" ? d : undefined;
    }, 30_000);
    const profile = await b.services.ctx.store.as2.findProfileByAs2Id("NET-A");
    const out = await eventually(async () => {
      const record = await b.services.ctx.store.as2.findMessage(
        "out",
        profile?.id ?? "",
        `${delivery.id}@NET-B`,
      );
      return record?.mdnAt ? record : undefined;
    }, 30_000);
    expect(out.disposition).toBe("automatic-action/MDN-sent-automatically; processed");
    await eventually(async () => {
      const page = await a.services.ctx.store.deliveries.listMailbox(acmeOnA, "in_mailbox", null, 10);
      return page.items.find((i) => i.format === "x12");
    }, 30_000);
  });
});
