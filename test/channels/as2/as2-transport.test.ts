import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type As2Channel,
  addProfileCertificates,
  createAs2Channel,
  createAs2Profile,
  updateAs2Profile,
} from "../../../src/channels/as2/index.js";
import { sweepAs2Certificates } from "../../../src/channels/as2/keys/sweep-certificates.js";
import { buildMdn } from "../../../src/channels/as2/mdn/build-mdn.js";
import { isOpenVanError } from "../../../src/kernel/index.js";
import { createAccount, type PushEndpoint, PushError, publicOnly } from "../../../src/network/index.js";
import type { DeliveryRecord } from "../../../src/storage/ports/index.js";
import { allowLoopback } from "../../support/outbound-allow.js";
import { bodyOf, openTempNetwork, type TempNetwork } from "../../support/temp-network.js";
import { makeParty } from "./openssl-peer.js";

// The AS2 transport against a scripted HTTP peer: which answers are retried, which are final, and what an MDN
// must say for a delivery to count as delivered.
let net: TempNetwork;
let channel: As2Channel;
let server: Server;
let peerUrl: string;
let accountId: string;
let answer: (headers: IncomingHttpHeaders) => {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array;
};
const seen: IncomingHttpHeaders[] = [];
let n = 0;

beforeAll(async () => {
  // The partner's AS2 server listens on loopback, which the network reaches only when allowed to.
  net = await openTempNetwork({ outboundAllow: allowLoopback });
  channel = await createAs2Channel({
    ctx: net.ctx,
    as2Id: "OPENVAN",
    product: "OpenVAN/test",
    maxBytes: 1 << 20,
    poke: () => {},
  });
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      seen.push(request.headers);
      const reply = answer(request.headers);
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  peerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/as2`;
  accountId = (await createAccount(net.ctx, "Partner")).id;
  await createAs2Profile(net.ctx, accountId, { as2Id: "PARTNER", cipher: null, mdnSigned: false });
});
afterAll(async () => {
  server?.close();
  await net?.close();
});

function delivery(): DeliveryRecord {
  n += 1;
  return { id: `dlv_test${n}`, format: "x12" } as DeliveryRecord;
}
const endpoint = (): PushEndpoint => ({ id: "pep_1", accountId, kind: "as2", settings: { url: peerUrl } });
const push = (d: DeliveryRecord) => channel.transport.push(d, endpoint(), async () => bodyOf("ISA*payload~"));

/** An MDN for the message in these request headers, saying `disposition` with `mic`. */
function mdnAnswer(headers: IncomingHttpHeaders, processed: boolean, mic: string): ReturnType<typeof answer> {
  const mdn = buildMdn(
    {
      reportingUa: "peer",
      recipient: "PARTNER",
      originalMessageId: String(headers["message-id"]),
      disposition: processed
        ? { kind: "processed" }
        : { kind: "error", error: "decryption-failed", reason: "no key" },
      mic,
    },
    null,
  );
  return {
    status: 200,
    headers: Object.fromEntries(mdn.headers.map((h) => [h.name, h.value])),
    body: mdn.body,
  };
}

describe("AS2 transport", () => {
  it("fails for good on 400, retries on 408, 503 and no answer", async () => {
    const cases: [number, boolean][] = [
      [400, true],
      [403, true],
      [408, false],
      [503, false],
    ];
    for (const [status, permanent] of cases) {
      answer = () => ({ status, body: Buffer.from("no") });
      const error = await push(delivery()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PushError);
      expect((error as PushError).permanent).toBe(permanent);
    }
    const closed = await channel.transport
      .push(delivery(), { ...endpoint(), settings: { url: "http://127.0.0.1:1/as2" } }, async () =>
        bodyOf("x"),
      )
      .catch((e: unknown) => e);
    expect((closed as PushError).permanent).toBe(false);
  });

  it("connects only where the operator allows: loopback refused for good without the setting, redirects checked", async () => {
    const guarded = await createAs2Channel({
      ctx: { ...net.ctx, settings: { ...net.ctx.settings, outboundAllow: publicOnly } },
      as2Id: "OPENVAN",
      product: "OpenVAN/test",
      maxBytes: 1 << 20,
      poke: () => {},
    });
    answer = () => ({ status: 200 });
    const calls = seen.length;
    for (const url of [peerUrl, peerUrl.replace("127.0.0.1", "localhost")]) {
      const error = await guarded.transport
        .push(delivery(), { ...endpoint(), settings: { url } }, async () => bodyOf("ISA*payload~"))
        .catch((e: unknown) => e);
      expect(isOpenVanError(error) && error.code, url).toBe("OUTBOUND_ADDRESS_REFUSED");
      expect(isOpenVanError(error) && error.category).toBe("permanent");
      expect((error as Error).message).toMatch(
        /^OpenVAN does not connect to (127\.0\.0\.1|localhost): (127\.0\.0\.1|::1) is a loopback address/,
      );
    }
    expect(seen.length).toBe(calls);

    // An allowed server that redirects to the metadata address does not take the message there.
    answer = () => ({ status: 307, headers: { location: "http://169.254.169.254/latest/meta-data/" } });
    const redirected = await push(delivery()).catch((e: unknown) => e);
    expect(isOpenVanError(redirected) && redirected.code).toBe("OUTBOUND_ADDRESS_REFUSED");
    expect(isOpenVanError(redirected) && redirected.details.address).toBe("169.254.169.254");
  });

  it("keeps one Message-ID for a delivery across retries", async () => {
    const d = delivery();
    answer = () => ({ status: 503 });
    await push(d).catch(() => undefined);
    await push(d).catch(() => undefined);
    const [a, b] = seen.slice(-2);
    expect(a?.["message-id"]).toBe(`<${d.id}@OPENVAN>`);
    expect(b?.["message-id"]).toBe(a?.["message-id"]);
    expect(a?.["as2-version"]).toBe("1.2");
  });

  it("delivers only on a processed MDN with the MIC it sent; a negative MDN or another MIC is final", async () => {
    let mic = "";
    answer = (headers) => mdnAnswer(headers, true, mic);
    mic = "bm90IHRoZSBtaWM=, sha-256";
    const wrong = await push(delivery()).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ permanent: true, details: { as2Code: "AS2_MDN_INVALID" } });
    expect((wrong as Error).message).toMatch(/MIC mismatch/);
    answer = (headers) => mdnAnswer(headers, false, "x, sha-256");
    const negative = await push(delivery()).catch((e: unknown) => e);
    expect(negative).toMatchObject({ permanent: true, details: { as2Code: "AS2_MDN_NEGATIVE" } });
    // The right MIC: the one the transport computed, kept in its outbound record.
    const d = delivery();
    answer = () => ({ status: 503 });
    await push(d).catch(() => undefined);
    const profile = await net.ctx.store.as2.findProfileByAs2Id("PARTNER");
    const record = await net.ctx.store.as2.findMessage("out", profile?.id ?? "", `${d.id}@OPENVAN`);
    answer = (headers) => mdnAnswer(headers, true, record?.mic ?? "");
    const receipt = await push(d);
    expect(receipt.detail).toMatchObject({ as2MessageId: `${d.id}@OPENVAN`, mic: record?.mic });
    // Pushed again after the MDN was kept (a crash before the delivery's record): answered from the record.
    const before = seen.length;
    expect((await push(d)).detail).toMatchObject({ as2MessageId: `${d.id}@OPENVAN` });
    expect(seen.length).toBe(before);
  });
});

describe("AS2 transport, MDN without MIC", () => {
  it("refuses it for a signed message, accepts it for an unsigned one (pyas2lib leaves it out then)", async () => {
    answer = (headers) => {
      const mdn = buildMdn(
        {
          reportingUa: "peer",
          recipient: "PARTNER",
          originalMessageId: String(headers["message-id"]),
          disposition: { kind: "processed" },
          mic: null,
        },
        null,
      );
      return {
        status: 200,
        headers: Object.fromEntries(mdn.headers.map((h) => [h.name, h.value])),
        body: mdn.body,
      };
    };
    const signed = await push(delivery()).catch((e: unknown) => e);
    expect((signed as Error).message).toMatch(/MIC mismatch: the partner's MDN says \(no MIC\)/);
    const profile = await net.ctx.store.as2.findProfileByAs2Id("PARTNER");
    await updateAs2Profile(net.ctx, profile?.id ?? "", { signDigest: null });
    try {
      const d = delivery();
      expect((await push(d)).detail).toMatchObject({ as2MessageId: `${d.id}@OPENVAN`, mic: null });
    } finally {
      await updateAs2Profile(net.ctx, profile?.id ?? "", { signDigest: "sha256" });
    }
  });
});

describe("AS2 certificate expiry", () => {
  it("warns once per certificate ending within 30 days, with a notification to the partner's account", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-as2-expiry-"));
    try {
      const party = await makeParty(dir, "soon", 10);
      const profile = await createAs2Profile(net.ctx, accountId, { as2Id: "EXPIRING" });
      await addProfileCertificates(net.ctx, profile.id, Buffer.from(party.certificate.der), "both");
      net.clock.set(new Date());
      expect(await sweepAs2Certificates(net.ctx)).toBe(1);
      expect(await sweepAs2Certificates(net.ctx)).toBe(0);
      const jobs = await net.ctx.store.jobs.listByState("ready", 100);
      expect(
        jobs.some(
          (j) => j.kind === "notify" && (j.payload as { type?: string }).type === "certificate.expiring",
        ),
      ).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
