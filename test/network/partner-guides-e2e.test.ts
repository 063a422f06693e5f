import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/channels/http/index.js";
import { createAccount, issueApiKey, JobRunner, networkJobHandlers } from "../../src/network/index.js";
import { x12Document } from "../support/ack-documents.js";
import { type BackendNetwork, backends, openBackendNetwork } from "../support/backend-network.js";
import { seedTradingPair } from "../support/temp-network.js";

type Json = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

/** BEG02 "DS" (dropship): the built-in 850 guide takes any two-character purchase order type. */
const dropShipOrder = ["BEG*00*DS*PO-1**20260301", "PO1*1*6*CA*12.25**UP*012345678901", "CTT*1"];

/** Grocery Mart's rule for what Acme sends: stand-alone orders only (BEG02 "SA"). */
const standAloneOnly = (codes: string[] = ["SA"]) => ({
  id: "acme-850",
  extends: "x12-850",
  name: "Acme purchase orders",
  overrides: { BEG: { elements: { "02": { codes } } } },
});

/**
 * Partner guides through the REST API: Grocery Mart adds a guide for what Acme sends, and the next 997 it
 * sends back for Acme's 850 follows it, without a restart; changing or removing the guide changes the next 997.
 */
describe.each(backends)("partner guides through the REST API on %s", (backend) => {
  let net: BackendNetwork;
  let app: FastifyInstance;
  let runner: JobRunner;
  const keys = { acme: "", grocer: "", corner: "" };
  let control = 100;

  const call = (key: string, options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } });
  const json = (response: LightMyRequestResponse): Json => response.json();

  /** Acme sends one 850 to Grocery Mart; the text of the 997 that comes back. */
  const orderAndAck = async (body: readonly string[]): Promise<string> => {
    control += 1;
    const sent = await call(keys.acme, {
      method: "POST",
      url: "/api/v1/messages",
      payload: x12Document({ control, sets: [{ control: "0001", body }] }),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    await runner.drain();
    const box = json(await call(keys.acme, { url: "/api/v1/mailbox" }));
    const ack = box.items?.find((i) => String(i.docTypes) === "997");
    expect(ack, JSON.stringify(box)).toBeDefined();
    const content = await call(keys.acme, { url: `/api/v1/mailbox/${String(ack?.id)}/content` });
    const confirmed = await call(keys.acme, {
      method: "POST",
      url: `/api/v1/mailbox/${String(ack?.id)}/confirm`,
    });
    expect(confirmed.statusCode, confirmed.body).toBeLessThan(300);
    expect(content.body).toContain(`AK1*PO*${control}~`);
    return content.body;
  };

  beforeEach(async () => {
    net = await openBackendNetwork(backend);
    runner = new JobRunner(net.ctx, networkJobHandlers(net.ctx));
    app = buildApp({ ctx: net.ctx, jobs: runner });
    await app.ready();
    const pair = await seedTradingPair(net.ctx);
    const corner = await createAccount(net.ctx, "Corner Shop");
    keys.acme = (await issueApiKey(net.ctx, pair.acme, "account")).key;
    keys.grocer = (await issueApiKey(net.ctx, pair.grocer, "account")).key;
    keys.corner = (await issueApiKey(net.ctx, corner.id, "account")).key;
    const profile = await call(keys.acme, {
      method: "PUT",
      url: "/api/v1/ack-profiles",
      payload: { functional: "997" },
    });
    expect(profile.statusCode, profile.body).toBe(200);
  });

  afterEach(async () => {
    await app.close();
    await net.close();
  });

  it("rejects, in the next 997, a code the partner's guide does not allow; a change or removal applies at once", async () => {
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*A*1*1*1~");

    const added = await call(keys.grocer, {
      method: "POST",
      url: "/api/v1/guides",
      payload: { partner: "ZZ:ACMEFOODS", guide: standAloneOnly() },
    });
    expect(added.statusCode, added.body).toBe(201);
    const guide = json(added);
    expect(guide).toMatchObject({
      builtin: false,
      guideId: "acme-850",
      partner: "ZZ:ACMEFOODS",
      extends: "x12-850",
      set: "850",
      standard: "x12",
      versions: ["004010", "005010"],
      version: 1,
      guide: standAloneOnly(),
    });
    const id = String(guide.id);
    expect(id).toMatch(/^gde_/);

    const rejected = await orderAndAck(dropShipOrder);
    expect(rejected).toContain("AK4*2*92*7*DS~");
    expect(rejected).toContain("AK5*R*5~");
    expect(rejected).toContain("AK9*R*1*1*0~");
    expect(await orderAndAck(["BEG*00*SA*PO-2**20260301", ...dropShipOrder.slice(1)])).toContain(
      "AK9*A*1*1*1~",
    );

    const changed = await call(keys.grocer, {
      method: "PUT",
      url: `/api/v1/guides/${id}`,
      payload: { guide: standAloneOnly(["SA", "DS"]) },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json(changed)).toMatchObject({ version: 2, partner: "ZZ:ACMEFOODS" });
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*A*1*1*1~");

    await call(keys.grocer, {
      method: "PUT",
      url: `/api/v1/guides/${id}`,
      payload: { guide: standAloneOnly() },
    });
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*R*1*1*0~");
    const removed = await call(keys.grocer, { method: "DELETE", url: `/api/v1/guides/${id}` });
    expect(removed.statusCode).toBe(204);
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*A*1*1*1~");
  });

  it("applies a guide only to its partner; one for all partners applies to every partner", async () => {
    const other = await call(keys.grocer, {
      method: "POST",
      url: "/api/v1/guides",
      payload: { partner: "ZZ:SOMEONEELSE", guide: standAloneOnly() },
    });
    expect(other.statusCode, other.body).toBe(201);
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*A*1*1*1~");
    const everyone = await call(keys.grocer, {
      method: "POST",
      url: "/api/v1/guides",
      payload: { guide: { ...standAloneOnly(), id: "all-850" } },
    });
    expect(everyone.statusCode, everyone.body).toBe(201);
    expect(json(everyone).partner).toBe("*");
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*R*1*1*0~");
  });

  it("refuses a bad guide with 422 and the path inside it", async () => {
    const post = (guide: unknown, partner?: string) =>
      call(keys.grocer, { method: "POST", url: "/api/v1/guides", payload: { guide, partner } });
    const cases: Array<[unknown, string]> = [
      [
        { ...standAloneOnly(), overrides: { BEG: { elements: { "02": { codes: "SA" } } } } },
        "overrides.BEG.elements.02.codes",
      ],
      [{ id: "po", extends: "x12-850", structure: [{ seg: "BEG", req: "M", max: 0 }] }, "structure[0].max"],
      [{ id: "x12-850", extends: "x12-850" }, "id"],
      [{ id: "po", extends: "x12-851" }, "extends"],
      [{ ...standAloneOnly(), overrides: { ZZZ: { elements: { "01": { codes: ["A"] } } } } }, "overrides"],
    ];
    for (const [guide, path] of cases) {
      const response = await post(guide);
      expect(response.statusCode, response.body).toBe(422);
      expect(json(response).error).toMatchObject({ code: "GUIDE_INVALID", path });
      expect(String((json(response).error as Json).message)).toContain(path);
    }
    const notAGuide = await call(keys.grocer, {
      method: "POST",
      url: "/api/v1/guides",
      payload: { guide: [] },
    });
    expect(notAGuide.statusCode).toBe(400);
    const badPartner = await post(standAloneOnly(), "ZZ:");
    expect(badPartner.statusCode).toBe(400);
    expect(json(badPartner).error).toMatchObject({ code: "REQUEST_INVALID", field: "partner" });
    expect((await post(standAloneOnly())).statusCode).toBe(201);
    const twice = await post(standAloneOnly());
    expect(twice.statusCode).toBe(409);
    expect(json(twice).error).toMatchObject({ code: "GUIDE_ID_TAKEN" });
    expect(json(await call(keys.grocer, { url: "/api/v1/guides" })).items).toHaveLength(1);
  });

  it("keeps an account's guides to itself: others cannot see, change, remove or use them", async () => {
    const added = await call(keys.grocer, {
      method: "POST",
      url: "/api/v1/guides",
      payload: { partner: "ZZ:ACMEFOODS", guide: standAloneOnly() },
    });
    const id = String(json(added).id);
    for (const key of [keys.corner, keys.acme]) {
      expect(json(await call(key, { url: "/api/v1/guides" })).items).toEqual([]);
      const seen = await call(key, { url: `/api/v1/guides/${id}` });
      expect(seen.statusCode).toBe(404);
      expect(json(seen).error).toMatchObject({ code: "GUIDE_NOT_FOUND" });
      const changed = await call(key, {
        method: "PUT",
        url: `/api/v1/guides/${id}`,
        payload: { guide: standAloneOnly(["DS"]) },
      });
      expect(changed.statusCode).toBe(404);
      expect((await call(key, { method: "DELETE", url: `/api/v1/guides/${id}` })).statusCode).toBe(404);
    }
    expect(json(await call(keys.grocer, { url: `/api/v1/guides/${id}` }))).toMatchObject({ version: 1 });
    await call(keys.grocer, { method: "DELETE", url: `/api/v1/guides/${id}` });

    // Corner Shop's guide for Acme says nothing about what Acme sends to Grocery Mart.
    const corner = await call(keys.corner, {
      method: "POST",
      url: "/api/v1/guides",
      payload: { partner: "ZZ:ACMEFOODS", guide: standAloneOnly() },
    });
    expect(corner.statusCode).toBe(201);
    expect(await orderAndAck(dropShipOrder)).toContain("AK9*A*1*1*1~");
  });

  it("lists the built-in guides and shows one by id", async () => {
    const builtin = json(await call(keys.acme, { url: "/api/v1/guides/builtin" }));
    expect(builtin.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "x12-850", builtin: true, set: "850", versions: ["004010", "005010"] }),
      ]),
    );
    const one = json(await call(keys.acme, { url: "/api/v1/guides/x12-850" }));
    expect(one).toMatchObject({ id: "x12-850", builtin: true, guide: { id: "x12-850", set: "850" } });
    expect((await call(keys.acme, { url: "/api/v1/guides/nothing" })).statusCode).toBe(404);
    const paths = Object.keys((await app.inject({ url: "/docs/json" })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(["/api/v1/guides", "/api/v1/guides/builtin", "/api/v1/guides/{id}"]),
    );
  });
});
