import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/channels/http/index.js";
import { createAccount, issueApiKey, JobRunner, networkJobHandlers } from "../../src/network/index.js";
import { orderBody, x12Document } from "../support/ack-documents.js";
import { type BackendNetwork, backends, openBackendNetwork } from "../support/backend-network.js";
import { seedTradingPair } from "../support/temp-network.js";

type Json = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

/**
 * Acknowledgments through the REST API: Acme sets its profile to ask for 997s, sends an 850; the 997 from
 * Grocery Mart's identity arrives in Acme's mailbox, and tracking shows the 850 acknowledged.
 */
describe.each(backends)("acknowledgments through the REST API on %s", (backend) => {
  let net: BackendNetwork;
  let app: FastifyInstance;
  let runner: JobRunner;
  const keys = { acme: "", grocer: "", admin: "" };
  const ids = { acme: "", grocer: "" };

  const call = (key: string, options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } });
  const json = (response: LightMyRequestResponse): Json => response.json();

  beforeEach(async () => {
    net = await openBackendNetwork(backend);
    runner = new JobRunner(net.ctx, networkJobHandlers(net.ctx));
    app = buildApp({ ctx: net.ctx, jobs: runner });
    await app.ready();
    const pair = await seedTradingPair(net.ctx);
    ids.acme = pair.acme;
    ids.grocer = pair.grocer;
    keys.acme = (await issueApiKey(net.ctx, pair.acme, "account")).key;
    keys.grocer = (await issueApiKey(net.ctx, pair.grocer, "account")).key;
    keys.admin = (await issueApiKey(net.ctx, pair.grocer, "admin")).key;
  });

  afterEach(async () => {
    await app.close();
    await net.close();
  });

  it("sends a 997 back for an 850 that asks for one, and tracks the 850 as acknowledged", async () => {
    const set = await call(keys.acme, {
      method: "PUT",
      url: "/api/v1/ack-profiles",
      payload: { functional: "997" },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(json(set)).toMatchObject({ identity: "*", partner: "*", functional: "997", ta1: "requested" });

    const sent = await call(keys.acme, {
      method: "POST",
      url: "/api/v1/messages",
      payload: x12Document({ control: 7001, sets: [{ control: "0001", body: orderBody }] }),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const messageId = String(json(sent).id);
    await runner.drain();

    const grocerBox = json(await call(keys.grocer, { url: "/api/v1/mailbox" }));
    expect(grocerBox.items?.map((i) => i.docTypes)).toEqual([["850"]]);
    const acmeBox = json(await call(keys.acme, { url: "/api/v1/mailbox" }));
    expect(acmeBox.items).toHaveLength(1);
    const ack = acmeBox.items?.[0] ?? {};
    expect(ack).toMatchObject({ from: "ZZ:GROCERYMART", to: "ZZ:ACMEFOODS", docTypes: ["997"] });
    const content = await call(keys.acme, { url: `/api/v1/mailbox/${String(ack.id)}/content` });
    expect(content.body).toContain("AK1*PO*7001~");
    expect(content.body).toContain("AK9*A*1*1*1~");

    const story = json(await call(keys.acme, { url: `/api/v1/messages/${messageId}` }));
    expect(story.interchanges).toMatchObject([{ state: "acknowledged" }]);
    expect((story.acknowledgments as Json[]).map((a) => [a.level, a.state])).toEqual([
      ["interchange", "acknowledged"],
      ["group", "acknowledged"],
      ["set", "acknowledged"],
    ]);
    expect((story.events as Json[]).map((e) => e.type)).toEqual(
      expect.arrayContaining(["interchange.ack_generated", "interchange.acknowledged"]),
    );

    const tracked = json(await call(keys.acme, { url: "/api/v1/track?state=acknowledged" }));
    expect(tracked.items?.map((i) => i.control)).toEqual(["000007001"]);
    const awaiting = json(await call(keys.acme, { url: "/api/v1/track?state=ack_overdue" }));
    expect(awaiting.items).toEqual([]);
  });

  it("lists gaps in a sender's control numbers to both parties, and only to them", async () => {
    for (const control of [10, 13]) {
      const sent = await call(keys.acme, {
        method: "POST",
        url: "/api/v1/messages",
        payload: x12Document({ control, sets: [{ control: "0001", body: orderBody }] }),
        headers: { "content-type": "application/octet-stream" },
      });
      expect(sent.statusCode).toBe(202);
    }
    await runner.drain();
    const findings = json(
      await call(keys.grocer, { url: "/api/v1/control-numbers/findings?sender=ZZ:ACMEFOODS" }),
    );
    expect(findings.items).toMatchObject([
      {
        kind: "gap",
        sender: "ZZ:ACMEFOODS",
        control: "000000013",
        missingFrom: "000000011",
        missingTo: "000000012",
      },
    ]);
    expect(
      json(await call(keys.acme, { url: "/api/v1/control-numbers/findings?kind=gap" })).items,
    ).toHaveLength(1);
    const corner = await createAccount(net.ctx, "Corner Shop");
    const outsider = (await issueApiKey(net.ctx, corner.id, "account")).key;
    expect(json(await call(outsider, { url: "/api/v1/control-numbers/findings" })).items).toEqual([]);
  });

  it("reads and sets profiles with precise errors; an admin manages any account's", async () => {
    const foreign = await call(keys.acme, {
      method: "PUT",
      url: "/api/v1/ack-profiles",
      payload: { identity: "ZZ:GROCERYMART", functional: "997" },
    });
    expect(foreign.statusCode).toBe(400);
    expect(json(foreign).error).toMatchObject({ code: "REQUEST_INVALID", field: "identity" });
    const badChoice = await call(keys.acme, {
      method: "PUT",
      url: "/api/v1/ack-profiles",
      payload: { functional: "998" },
    });
    expect(badChoice.statusCode).toBe(400);
    expect(json(badChoice).error).toMatchObject({ code: "REQUEST_INVALID" });

    const partner = await call(keys.admin, {
      method: "PUT",
      url: `/api/v1/admin/accounts/${ids.acme}/ack-profiles`,
      payload: {
        identity: "ZZ:ACMEFOODS",
        partner: "ZZ:GROCERYMART",
        expectAck: "always",
        docTypeWindows: { "850": 240 },
      },
    });
    expect(partner.statusCode, partner.body).toBe(200);
    const listed = json(await call(keys.acme, { url: "/api/v1/ack-profiles" }));
    expect(listed.items).toMatchObject([
      {
        identity: "ZZ:ACMEFOODS",
        partner: "ZZ:GROCERYMART",
        expectAck: "always",
        docTypeWindows: { "850": 240 },
      },
    ]);
    const forbidden = await call(keys.acme, { url: `/api/v1/admin/accounts/${ids.acme}/ack-profiles` });
    expect(forbidden.statusCode).toBe(403);
    const removed = await call(keys.acme, {
      method: "DELETE",
      url: "/api/v1/ack-profiles?identity=ZZ:ACMEFOODS&partner=ZZ:GROCERYMART",
    });
    expect(removed.statusCode).toBe(204);
    const again = await call(keys.acme, { method: "DELETE", url: "/api/v1/ack-profiles" });
    expect(again.statusCode).toBe(404);
    expect(json(again).error).toMatchObject({ code: "NOT_FOUND" });
  });
});
