import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { isOpenVanError } from "../../../src/kernel/index.js";
import {
  addIdentity,
  createAccount,
  createPushEndpoint,
  type NetworkContext,
  receiveMessage,
} from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import type { EventRecord } from "../../../src/storage/ports/index.js";
import { eventually, x12Order } from "../../support/client-test-network.js";
import { allowLoopback } from "../../support/outbound-allow.js";
import { bodyOf } from "../../support/temp-network.js";
import { sendWithCurl } from "./as2-peer.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

// AS2 on a network that allows no non-public address (no OPENVAN_OUTBOUND_ALLOW), with a receiver on this
// machine's loopback: a partner's async MDN URL there is not called (the message is received all the same),
// a push there fails for good without a call, and a profile naming such an address is refused.
let dir: string;
let services: Services;
let url: string;
let alice: OpensslParty;
let networkCert: string;
let profileId: string;
let acmeId: string;
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
  acmeId = acme.id;
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

const sinkUrl = (host: string): string => `http://${host}:${(sink.address() as AddressInfo).port}`;

it.each(["127.0.0.1", "localhost"])(
  "does not POST an async MDN to %s: the job ends with the reason in the message's story",
  async (host) => {
    const work = await mkdtemp(join(dir, "msg-"));
    n += 1;
    const control = 2000 + n;
    const payload = Buffer.from(`${x12Order("ACMEFOODS", "GROCERYMART", control)}\n`);
    const messageId = `guard-${control}-${Date.now()}@peer`;
    const asyncUrl = `${sinkUrl(host)}/mdn`;
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

it("refuses an AS2 profile whose URL is a non-public address", async () => {
  const partner = await createAccount(services.ctx, "Partner");
  for (const url of ["http://169.254.169.254/as2", `${sinkUrl("127.0.0.1")}/as2`, "https://localhost/as2"]) {
    const error = await createAs2Profile(services.ctx, partner.id, { as2Id: "PARTNER", url }).catch(
      (e: unknown) => e,
    );
    expect(isOpenVanError(error) && error.code, url).toBe("OUTBOUND_ADDRESS_REFUSED");
  }
  expect(await services.ctx.store.as2.listProfiles(partner.id)).toEqual([]);
});

it("fails a push to an AS2 URL on loopback for good, without calling it and without retrying", async () => {
  // The recipient's AS2 set-up was made while the operator allowed loopback; the network runs without it now.
  const earlier: NetworkContext = {
    ...services.ctx,
    settings: { ...services.ctx.settings, outboundAllow: allowLoopback },
  };
  await createAs2Profile(earlier, grocerId, {
    as2Id: "GROCER",
    url: `${sinkUrl("localhost")}/as2`,
    cipher: null,
    mdn: "none",
  });
  await createPushEndpoint(earlier, grocerId, { kind: "as2", settings: { as2Id: "GROCER" } });
  n += 1;
  const verdict = await receiveMessage(services.ctx, {
    accountId: acmeId,
    channel: "api",
    body: bodyOf(x12Order("ACMEFOODS", "GROCERYMART", 2000 + n)),
  });
  if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
  services.runner.poke();
  const failed = await eventually(async () => {
    const events = await services.ctx.store.events.listByMessage(verdict.messageId);
    return events.find((e) => e.type === "delivery.push_failed");
  });
  expect(failed.detail).toMatchObject({ code: "OUTBOUND_ADDRESS_REFUSED", permanent: true, attempt: 1 });
  expect(String(failed.detail.error)).toMatch(
    /^OpenVAN does not connect to localhost: (127\.0\.0\.1|::1) is a loopback address/,
  );
  const [delivery] = await services.ctx.store.deliveries.listByMessage(verdict.messageId);
  expect(delivery?.state).toBe("push_failed");
  expect(sinkCalls).toBe(0);
});
