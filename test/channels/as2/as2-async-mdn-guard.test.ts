import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { addIdentity, createAccount } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import type { EventRecord } from "../../../src/storage/ports/index.js";
import { eventually, x12Order } from "../../support/client-test-network.js";
import { sendWithCurl } from "./as2-peer.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

// A partner names where its async MDN goes (Receipt-Delivery-Option). On a network that allows no non-public
// address (no OPENVAN_OUTBOUND_ALLOW), an MDN URL on this machine is not called, and the message is received
// all the same.
let dir: string;
let services: Services;
let url: string;
let alice: OpensslParty;
let networkCert: string;
let profileId: string;
let grocerId: string;
let sink: Server;
let sinkCalls = 0;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-as2-mdn-guard-"));
  services = await openServices(
    loadConfig({
      env: { OPENVAN_AS2_ID: "OPENVAN-TEST" },
      overrides: { dataDir: join(dir, "data"), host: "127.0.0.1", port: 0, sftpPort: "off" },
    }),
  );
  url = await services.start();
  alice = await makeParty(dir, "alice");
  const acme = await createAccount(services.ctx, "Acme Foods");
  await addIdentity(services.ctx, acme.id, "ZZ:ACMEFOODS");
  const grocer = await createAccount(services.ctx, "Grocery Mart");
  await addIdentity(services.ctx, grocer.id, "ZZ:GROCERYMART");
  grocerId = grocer.id;
  const profile = await createAs2Profile(services.ctx, acme.id, { as2Id: "ACME" });
  profileId = profile.id;
  await addProfileCertificates(services.ctx, profile.id, Buffer.from(alice.certificate.der), "both");
  networkCert = join(dir, "network.crt");
  await writeFile(networkCert, await (await fetch(`${url}/as2/certificate`)).text());
  sink = createServer((request, response) => {
    sinkCalls += 1;
    request.resume();
    response.end();
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  sink?.close();
  await services?.stop();
  await rm(dir, { recursive: true, force: true });
});

it.each(["127.0.0.1", "localhost"])(
  "does not POST an async MDN to %s: the job ends with the reason in the message's story",
  async (host) => {
    const work = await mkdtemp(join(dir, "msg-"));
    n += 1;
    const control = 2000 + n;
    const payload = Buffer.from(`${x12Order("ACMEFOODS", "GROCERYMART", control)}\n`);
    const messageId = `guard-${control}-${Date.now()}@peer`;
    const asyncUrl = `http://${host}:${(sink.address() as AddressInfo).port}/mdn`;
    const result = await sendWithCurl(work, url, payload, {
      from: "ACME",
      to: "OPENVAN-TEST",
      messageId,
      sign: { party: alice },
      encrypt: { certFile: networkCert, cipher: "aes-256-cbc", oaep: "sha1" },
      mdn: { signed: true, asyncUrl },
    });
    // Received: the HTTP answer of an async-MDN message is an empty 200.
    expect(result.status).toBe(200);
    expect(result.body).toHaveLength(0);

    const received = await services.ctx.store.as2.findMessage("in", profileId, messageId);
    const openvanId = received?.openvanId ?? "";
    expect(openvanId).not.toBe("");
    const undelivered = await eventually(async () => {
      const events: readonly EventRecord[] = await services.ctx.store.events.listByMessage(openvanId);
      return events.find((e) => e.type === "as2.mdn.undelivered");
    });
    expect(undelivered.detail).toMatchObject({
      as2MessageId: messageId,
      url: asyncUrl,
      code: "OUTBOUND_ADDRESS_REFUSED",
    });
    expect(String(undelivered.detail.reason)).toMatch(
      new RegExp(
        `^not sent: OpenVAN does not connect to ${host}: (127\\.0\\.0\\.1|::1) is a loopback address .*OPENVAN_OUTBOUND_ALLOW`,
      ),
    );
    expect(sinkCalls).toBe(0);

    // The message itself went its way: received, routed, in the recipient's mailbox.
    const [delivery] = await eventually(async () => {
      const deliveries = await services.ctx.store.deliveries.listByMessage(openvanId);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(delivery?.recipientAccountId).toBe(grocerId);
    const types = (await services.ctx.store.events.listByMessage(openvanId)).map((e) => e.type);
    expect(types).toContain("as2.received");
    // The MDN job ended: no retry, no dead letter.
    const jobs = await services.ctx.store.jobs.listByState("done", 100);
    expect(jobs.some((j) => j.kind === "as2_mdn")).toBe(true);
    expect(
      (await services.ctx.store.jobs.listByState("dead", 100)).filter((j) => j.kind === "as2_mdn"),
    ).toEqual([]);
  },
);
