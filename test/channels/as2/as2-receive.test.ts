import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProfileCertificates, createAs2Profile } from "../../../src/channels/as2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { addIdentity, createAccount } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { eventually, x12Order } from "../../support/client-test-network.js";
import { loopbackAllowList } from "../../support/outbound-allow.js";
import { sendWithCurl, verifyMdnWithOpenssl } from "./as2-peer.js";
import { makeParty, type OpensslParty } from "./openssl-peer.js";

// A running OpenVAN; messages built by `openssl cms` and posted with `curl`; MDNs checked with `openssl cms -verify`.
let dir: string;
let services: Services;
let url: string;
let alice: OpensslParty;
let mallory: OpensslParty;
let networkCert: string;
let acmeId: string;
let grocerId: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openvan-as2-"));
  services = await openServices(
    loadConfig({
      // The async MDN's receiver listens on loopback: allowed, as an operator of one machine would.
      env: { OPENVAN_AS2_ID: "OPENVAN-TEST", OPENVAN_OUTBOUND_ALLOW: loopbackAllowList },
      overrides: { dataDir: join(dir, "data"), host: "127.0.0.1", port: 0, sftpPort: "off" },
    }),
  );
  url = await services.start();
  [alice, mallory] = await Promise.all([makeParty(dir, "alice"), makeParty(dir, "mallory")]);
  const acme = await createAccount(services.ctx, "Acme Foods");
  await addIdentity(services.ctx, acme.id, "ZZ:ACMEFOODS");
  const grocer = await createAccount(services.ctx, "Grocery Mart");
  await addIdentity(services.ctx, grocer.id, "ZZ:GROCERYMART");
  acmeId = acme.id;
  grocerId = grocer.id;
  const profile = await createAs2Profile(services.ctx, acme.id, { as2Id: "ACME" });
  await addProfileCertificates(services.ctx, profile.id, Buffer.from(alice.certificate.der), "both");
  networkCert = join(dir, "network.crt");
  await writeFile(networkCert, await (await fetch(`${url}/as2/certificate`)).text());
});
afterAll(async () => {
  await services?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh work folder and a unique interchange (distinct control numbers, so no duplicate checks interfere). */
async function next(): Promise<{ work: string; payload: Buffer; messageId: string }> {
  n += 1;
  const work = await mkdtemp(join(dir, "msg-"));
  // Binary-safe ending: the interchange ends in a bare LF, the case OpenSSL's own S/MIME reader splits wrongly.
  return {
    work,
    payload: Buffer.from(`${x12Order("ACMEFOODS", "GROCERYMART", 1000 + n)}\n`),
    messageId: `test-${n}-${Date.now()}@peer`,
  };
}

async function ingested(payload: Buffer): Promise<boolean> {
  const sha = createHash("sha256").update(payload).digest("hex");
  return (
    (await services.ctx.store.messages.findRecentByHash(acmeId, sha, "2000-01-01T00:00:00.000Z")) !== null
  );
}

describe("AS2 receive at /as2 (openssl cms + curl)", () => {
  const cases: [
    string,
    { cipher: string; oaep?: "sha1" | "sha256" } | null,
    "sha256" | "sha384" | "sha512",
  ][] = [
    ["signed only", null, "sha256"],
    ["signed + AES-256-CBC, RSA PKCS#1 v1.5", { cipher: "aes-256-cbc" }, "sha256"],
    ["signed + AES-128-CBC, RSA-OAEP", { cipher: "aes-128-cbc", oaep: "sha1" }, "sha384"],
    ["signed + AES-256-GCM, RSA-OAEP-SHA256", { cipher: "aes-256-gcm", oaep: "sha256" }, "sha512"],
    ["signed + AES-128-GCM, RSA PKCS#1 v1.5", { cipher: "aes-128-gcm" }, "sha256"],
  ];
  for (const [name, encrypt, digest] of cases) {
    it(`${name}: signed MDN "processed" with the right MIC, and the order reaches the recipient`, async () => {
      const { work, payload, messageId } = await next();
      const micalg = { sha256: "sha-256", sha384: "sha-384", sha512: "sha-512" }[digest];
      const result = await sendWithCurl(work, url, payload, {
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId,
        sign: { party: alice, digest },
        encrypt: encrypt === null ? null : { certFile: networkCert, ...encrypt },
        mdn: { signed: true, micalg },
      });
      expect(result.status).toBe(200);
      expect(result.headers).toMatch(/^as2-version: 1\.2/im);
      expect(result.headers).toMatch(/^as2-product: OpenVAN\//im);
      const fields = await verifyMdnWithOpenssl(work, result, networkCert);
      expect(fields.Disposition).toBe("automatic-action/MDN-sent-automatically; processed");
      expect(fields["Original-Message-ID"]).toBe(`<${messageId}>`);
      expect(fields["Received-Content-MIC"]).toBe(`${result.mic}, ${micalg}`);
      expect(await ingested(payload)).toBe(true);
      const message = await services.ctx.store.messages.findByIdempotencyKey(acmeId, `as2:ACME:${messageId}`);
      const delivered = await eventually(async () => {
        const deliveries = await services.ctx.store.deliveries.listByMessage(message?.id ?? "");
        return deliveries.length > 0 ? deliveries : undefined;
      });
      expect(delivered[0]).toMatchObject({ recipientAccountId: grocerId, state: "in_mailbox" });
    });
  }

  it("a resent Message-ID gets the MDN sent before and is not ingested twice", async () => {
    const { work, payload, messageId } = await next();
    const message = {
      from: "ACME",
      to: "OPENVAN-TEST",
      messageId,
      sign: { party: alice },
      mdn: { signed: true },
    };
    const first = await sendWithCurl(work, url, payload, message);
    const again = await sendWithCurl(work, url, payload, message);
    expect(again.body.equals(first.body)).toBe(true);
    const events = await services.ctx.store.events.listByMessage(
      (await services.ctx.store.messages.findByIdempotencyKey(acmeId, `as2:ACME:${messageId}`))?.id ?? "",
    );
    expect(events.filter((e) => e.type === "message.received")).toHaveLength(1);
  });

  const refusals: [
    string,
    (m: Awaited<ReturnType<typeof next>>) => Parameters<typeof sendWithCurl>[3],
    string,
  ][] = [
    [
      "a stranger's signature",
      (m) => ({
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        sign: { party: mallory },
        mdn: { signed: true },
      }),
      "authentication-failed",
    ],
    [
      "encryption to another certificate",
      (m) => ({
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        sign: { party: alice },
        encrypt: { certFile: mallory.certFile, cipher: "aes-256-cbc" },
        mdn: { signed: true },
      }),
      "decryption-failed",
    ],
    [
      "an unknown AS2-To",
      (m) => ({
        from: "ACME",
        to: "SOMEONE-ELSE",
        messageId: m.messageId,
        sign: { party: alice },
        mdn: { signed: true },
      }),
      "authentication-failed",
    ],
    [
      "an unknown AS2-From",
      (m) => ({
        from: "NOBODY",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        sign: { party: alice },
        mdn: { signed: true },
      }),
      "authentication-failed",
    ],
    [
      "a truncated encrypted body",
      (m) => ({
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        sign: { party: alice },
        encrypt: { certFile: networkCert, cipher: "aes-256-cbc" },
        mdn: { signed: true },
        truncateTo: 900,
      }),
      "decryption-failed",
    ],
    [
      "a truncated signed body",
      (m) => ({
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        sign: { party: alice },
        mdn: { signed: true },
        truncateTo: 400,
      }),
      "unexpected-processing-error",
    ],
    [
      "SHA-1 from a partner without the legacy flag",
      (m) => ({
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        sign: { party: alice, digest: "sha1" },
        mdn: { signed: true, micalg: "sha1" },
      }),
      "insufficient-message-security",
    ],
    [
      "an unsigned message from a partner that must sign",
      (m) => ({
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId: m.messageId,
        encrypt: { certFile: networkCert, cipher: "aes-256-cbc" },
        mdn: { signed: true },
      }),
      "insufficient-message-security",
    ],
  ];
  for (const [name, build, modifier] of refusals) {
    it(`${name}: MDN processed/Error: ${modifier}, nothing enters the network`, async () => {
      const m = await next();
      const result = await sendWithCurl(m.work, url, m.payload, build(m));
      expect(result.status).toBe(200);
      const fields = await verifyMdnWithOpenssl(m.work, result, networkCert);
      expect(fields.Disposition).toBe(
        `automatic-action/MDN-sent-automatically; processed/Error: ${modifier}`,
      );
      expect(fields["Original-Message-ID"]).toBe(`<${m.messageId}>`);
      expect(await ingested(m.payload)).toBe(false);
    });
  }

  it("an async MDN goes to Receipt-Delivery-Option by a job, signed, and openssl verifies it with the MIC", async () => {
    const received: { headers: string; body: Buffer }[] = [];
    const sink = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        const headers = Object.entries(request.headers)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join("\r\n");
        received.push({ headers, body: Buffer.concat(chunks) });
        response.end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
    try {
      const { work, payload, messageId } = await next();
      const asyncUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/mdn`;
      const result = await sendWithCurl(work, url, payload, {
        from: "ACME",
        to: "OPENVAN-TEST",
        messageId,
        sign: { party: alice },
        encrypt: { certFile: networkCert, cipher: "aes-256-cbc", oaep: "sha1" },
        mdn: { signed: true, asyncUrl },
      });
      expect(result.status).toBe(200);
      expect(result.body).toHaveLength(0);
      const mdn = await eventually(async () => received[0], 20_000);
      expect(mdn.headers).toMatch(/^as2-from: OPENVAN-TEST$/im);
      const fields = await verifyMdnWithOpenssl(work, mdn, networkCert);
      expect(fields.Disposition).toBe("automatic-action/MDN-sent-automatically; processed");
      expect(fields["Received-Content-MIC"]).toBe(`${result.mic}, sha-256`);
    } finally {
      sink.close();
    }
  });
});
