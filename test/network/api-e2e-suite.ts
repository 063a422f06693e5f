import { readFileSync } from "node:fs";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/channels/http/index.js";
import { systemClock } from "../../src/kernel/index.js";
import {
  createAccount,
  createNetworkContext,
  defaultNetworkSettings,
  issueApiKey,
  JobRunner,
  type NetworkContext,
  networkJobHandlers,
} from "../../src/network/index.js";
import type { BlobStore, MetadataStore } from "../../src/storage/ports/index.js";

/** The stores of one backend, opened fresh for a run, and a way to count the blobs it holds. */
export interface E2eBackend {
  readonly store: MetadataStore;
  readonly blobs: BlobStore;
  /** How many blobs (or uploads under way) the blob store holds. */
  countBlobs(): Promise<number>;
  close(): Promise<void>;
}

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/network/${name}`, import.meta.url));

const x12 = fixture("x12-850-acme-to-grocery.x12");
const twoX12 = fixture("x12-two-interchanges.x12");
const edifact = fixture("edifact-orders-acme-to-grocery.edi");
const csv = fixture("price-list.csv");
const truncated = fixture("x12-850-truncated.x12");
const unknownReceiver = fixture("x12-850-unknown-receiver.x12");

interface Sent {
  readonly id: string;
  readonly bytes: Buffer;
}

/**
 * The whole pipeline through the REST API on one backend: company A sends X12, EDIFACT and a plain file;
 * the job runner routes them; B lists, downloads and confirms; tracking, tenant isolation and bad input.
 */
export function describeApiE2e(name: string, open: () => Promise<E2eBackend>): void {
  describe(`REST API end to end on ${name}`, () => {
    let backend: E2eBackend;
    let ctx: NetworkContext;
    let app: FastifyInstance;
    let runner: JobRunner;
    let admin: string;
    const keys = { a: "", b: "", c: "" };
    const sent: Record<string, Sent> = {};

    const call = (key: string | null, options: InjectOptions): Promise<LightMyRequestResponse> =>
      app.inject({
        ...options,
        headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...options.headers },
      });
    const json = (
      response: LightMyRequestResponse,
    ): Record<string, unknown> & { items?: Record<string, unknown>[] } => response.json();
    const send = (key: string, body: Buffer | string, headers: Record<string, string> = {}) =>
      call(key, { method: "POST", url: "/api/v1/messages", payload: body, headers });
    const messageCount = async (): Promise<number> =>
      (await backend.store.messages.listReceivedBefore("9999-12-31T00:00:00.000Z", 10_000)).length;

    beforeAll(async () => {
      backend = await open();
      ctx = createNetworkContext({
        store: backend.store,
        blobs: backend.blobs,
        clock: systemClock,
        settings: defaultNetworkSettings,
      });
      runner = new JobRunner(ctx, networkJobHandlers(ctx));
      app = buildApp({ ctx, jobs: runner });
      await app.ready();
      const operator = await createAccount(ctx, "operator");
      admin = (await issueApiKey(ctx, operator.id, "admin")).key;
    });

    afterAll(async () => {
      await app?.close();
      await backend?.close();
    });

    it("lets the admin set up accounts, identities and keys; account keys cannot", async () => {
      const accounts: Record<string, string> = {};
      for (const [who, company, identities] of [
        ["a", "Acme Foods", ["ZZ:ACMEFOODS", "14:5412345000013"]],
        ["b", "Grocery Mart", ["ZZ:GROCERYMART", "14:5498765000012"]],
        ["c", "Corner Shop", ["ZZ:CORNERSHOP"]],
      ] as const) {
        const created = await call(admin, {
          method: "POST",
          url: "/api/v1/admin/accounts",
          payload: { name: company },
        });
        expect(created.statusCode).toBe(201);
        const id = String(json(created).id);
        accounts[who] = id;
        for (const identity of identities) {
          const added = await call(admin, {
            method: "POST",
            url: `/api/v1/admin/accounts/${id}/identities`,
            payload: { identity },
          });
          expect(added.statusCode, added.body).toBe(201);
          expect(json(added)).toMatchObject({ accountId: id, identity });
        }
        const key = await call(admin, {
          method: "POST",
          url: `/api/v1/admin/accounts/${id}/keys`,
          payload: {},
        });
        expect(key.statusCode).toBe(201);
        expect(json(key)).toMatchObject({ accountId: id, scope: "account" });
        keys[who] = String(json(key).key);
      }
      const taken = await call(admin, {
        method: "POST",
        url: `/api/v1/admin/accounts/${accounts.c}/identities`,
        payload: { identity: "ZZ:ACMEFOODS" },
      });
      expect(taken.statusCode).toBe(409);
      expect(json(taken).error).toMatchObject({ code: "IDENTITY_TAKEN" });

      const listed = await call(admin, { url: "/api/v1/admin/accounts" });
      expect(json(listed).items?.map((a) => a.name)).toEqual(
        expect.arrayContaining(["operator", "Acme Foods", "Grocery Mart", "Corner Shop"]),
      );
      const identities = await call(admin, { url: `/api/v1/admin/accounts/${accounts.a}/identities` });
      expect(
        json(identities)
          .items?.map((i) => i.identity)
          .sort(),
      ).toEqual(["14:5412345000013", "ZZ:ACMEFOODS"]);
      const keyList = await call(admin, { url: `/api/v1/admin/accounts/${accounts.a}/keys` });
      expect(json(keyList).items).toHaveLength(1);
      expect(json(keyList).items?.[0]).not.toHaveProperty("key");

      const own = await call(keys.b, { url: "/api/v1/identities" });
      expect(
        json(own)
          .items?.map((i) => i.identity)
          .sort(),
      ).toEqual(["14:5498765000012", "ZZ:GROCERYMART"]);
      const forbidden = await call(keys.a, { url: "/api/v1/admin/accounts" });
      expect(forbidden.statusCode).toBe(403);
      expect(json(forbidden).error).toMatchObject({ code: "FORBIDDEN" });
      const noAccount = await call(admin, { url: "/api/v1/admin/accounts/acc_nosuch/identities" });
      expect(noAccount.statusCode).toBe(404);
    });

    it("answers 202 once X12, EDIFACT and a plain file are durable, and routes them", async () => {
      const blobsBefore = await backend.countBlobs();
      const sends: [string, Buffer, Record<string, string>, string][] = [
        ["x12", x12, { "content-type": "application/edi-x12" }, "x12"],
        ["two", twoX12, {}, "x12"],
        ["edifact", edifact, { "content-type": "application/edifact" }, "edifact"],
        [
          "csv",
          csv,
          {
            "content-type": "text/csv",
            "x-openvan-to": "ZZ:GROCERYMART",
            "x-openvan-filename": "prices.csv",
          },
          "file",
        ],
      ];
      for (const [label, bytes, headers, format] of sends) {
        const answer = await send(keys.a, bytes, headers);
        expect(answer.statusCode, answer.body).toBe(202);
        expect(json(answer)).toMatchObject({ replay: false, format });
        expect(answer.headers.location).toBe(`/api/v1/messages/${json(answer).id}`);
        sent[label] = { id: String(json(answer).id), bytes };
      }
      expect(await backend.countBlobs()).toBe(blobsBefore + sends.length);
      // Interchanges are routed in the transaction that stores them; a plain file waits for its route job.
      const stateOf = async (label: string) =>
        json(await call(keys.a, { url: `/api/v1/messages/${sent[label]?.id}` })).state;
      expect(await stateOf("x12")).toBe("routed");
      expect(await stateOf("csv")).toBe("received");
      await runner.drain();
      for (const label of ["x12", "two", "edifact", "csv"]) {
        const story = await call(keys.a, { url: `/api/v1/messages/${sent[label]?.id}` });
        expect(story.statusCode).toBe(200);
        expect(json(story).state, label).toBe("routed");
      }
    });

    it("puts every interchange and the file in B's mailbox, page by page", async () => {
      const first = await call(keys.b, { url: "/api/v1/mailbox?limit=3" });
      expect(first.statusCode).toBe(200);
      expect(json(first).items).toHaveLength(3);
      const next = json(first).next;
      expect(next).toMatch(/^\/api\/v1\/mailbox\?limit=3&after=/);
      const second = await call(keys.b, { url: String(next) });
      expect(json(second).items).toHaveLength(2);
      expect(json(second).next).toBeNull();
      const items = [...(json(first).items ?? []), ...(json(second).items ?? [])];
      const byMessage = (id: string | undefined) => items.filter((i) => i.messageId === id);
      expect(byMessage(sent.x12?.id)).toEqual([
        expect.objectContaining({
          from: "ZZ:ACMEFOODS",
          to: "ZZ:GROCERYMART",
          format: "x12",
          docTypes: ["850"],
          size: x12.length,
          receivedAt: expect.any(String),
        }),
      ]);
      expect(byMessage(sent.two?.id).map((i) => i.docTypes)).toEqual([["850"], ["810"]]);
      expect(byMessage(sent.edifact?.id)).toEqual([
        expect.objectContaining({
          from: "14:5412345000013",
          to: "14:5498765000012",
          format: "edifact",
          docTypes: ["ORDERS"],
        }),
      ]);
      expect(byMessage(sent.csv?.id)).toEqual([
        expect.objectContaining({ to: "ZZ:GROCERYMART", format: "file", docTypes: [], size: csv.length }),
      ]);
    });

    it("lets B download each item byte for byte, whole or by range", async () => {
      const items = json(await call(keys.b, { url: "/api/v1/mailbox?limit=100" })).items ?? [];
      for (const label of ["x12", "edifact", "csv"]) {
        const item = items.find((i) => i.messageId === sent[label]?.id);
        const content = await call(keys.b, { url: `/api/v1/mailbox/${item?.id}/content` });
        expect(content.statusCode).toBe(200);
        expect(content.rawPayload.equals(sent[label]?.bytes ?? Buffer.alloc(0)), label).toBe(true);
        expect(content.headers["content-length"]).toBe(String(sent[label]?.bytes.length));
        expect(content.headers.etag).toBe(`"${item?.id}"`);
        expect(content.headers["accept-ranges"]).toBe("bytes");
      }
      const two = items.filter((i) => i.messageId === sent.two?.id);
      const parts = await Promise.all(
        two.map(async (i) => (await call(keys.b, { url: `/api/v1/mailbox/${i.id}/content` })).rawPayload),
      );
      // Each interchange of a larger message is delivered on its own: its bytes from ISA to IEA, untouched.
      const text = twoX12.toString("latin1");
      const second = text.indexOf("ISA", 1);
      expect(parts.map((p) => p.toString("latin1"))).toEqual([
        text.slice(0, text.indexOf("~", text.indexOf("IEA*1*000004801")) + 1),
        text.slice(second, text.indexOf("~", text.indexOf("IEA*1*000004802")) + 1),
      ]);

      const item = items.find((i) => i.messageId === sent.x12?.id);
      const url = `/api/v1/mailbox/${item?.id}/content`;
      const part = await call(keys.b, { url, headers: { range: "bytes=10-19" } });
      expect(part.statusCode).toBe(206);
      expect(part.headers["content-range"]).toBe(`bytes 10-19/${x12.length}`);
      expect(part.rawPayload.equals(x12.subarray(10, 20))).toBe(true);
      const tail = await call(keys.b, { url, headers: { range: "bytes=-16" } });
      expect(tail.statusCode).toBe(206);
      expect(tail.rawPayload.equals(x12.subarray(x12.length - 16))).toBe(true);
      const open = await call(keys.b, { url, headers: { range: "bytes=100-" } });
      expect(open.rawPayload.equals(x12.subarray(100))).toBe(true);
      const outside = await call(keys.b, { url, headers: { range: `bytes=${x12.length}-` } });
      expect(outside.statusCode).toBe(416);
      expect(outside.headers["content-range"]).toBe(`bytes */${x12.length}`);
      expect(json(outside).error).toMatchObject({ code: "RANGE_NOT_SATISFIABLE" });
    });

    it("takes an item out of the mailbox once confirmed, and puts it back on resend", async () => {
      const items = json(await call(keys.b, { url: "/api/v1/mailbox" })).items ?? [];
      const item = items.find((i) => i.messageId === sent.x12?.id);
      const confirmed = await call(keys.b, { method: "POST", url: `/api/v1/mailbox/${item?.id}/confirm` });
      expect(confirmed.statusCode).toBe(200);
      expect(json(confirmed)).toMatchObject({
        id: item?.id,
        state: "picked_up",
        pickedUpAt: expect.any(String),
      });
      const again = await call(keys.b, { method: "POST", url: `/api/v1/mailbox/${item?.id}/confirm` });
      expect(json(again)).toMatchObject({ state: "picked_up" });
      const left = json(await call(keys.b, { url: "/api/v1/mailbox" })).items ?? [];
      expect(left.map((i) => i.id)).not.toContain(item?.id);
      const stillThere = await call(keys.b, { url: `/api/v1/mailbox/${item?.id}/content` });
      expect(stillThere.rawPayload.equals(x12)).toBe(true);

      const resent = await call(keys.b, { method: "POST", url: `/api/v1/mailbox/${item?.id}/resend` });
      expect(json(resent)).toMatchObject({ state: "in_mailbox", pickedUpAt: null });
      const back = json(await call(keys.b, { url: "/api/v1/mailbox" })).items ?? [];
      expect(back.map((i) => i.id)).toContain(item?.id);
      for (const i of back) {
        const done = await call(keys.b, { method: "POST", url: `/api/v1/mailbox/${i.id}/confirm` });
        expect(done.statusCode).toBe(200);
      }
      expect(json(await call(keys.b, { url: "/api/v1/mailbox" })).items).toEqual([]);
    });

    it("tracks each step: received, accepted, routed, in the mailbox, picked up", async () => {
      const story = json(await call(keys.a, { url: `/api/v1/messages/${sent.x12?.id}` }));
      expect(story).toMatchObject({ id: sent.x12?.id, state: "routed", format: "x12", size: x12.length });
      const types = (story.events as { type: string }[]).map((e) => e.type);
      const steps = [
        "message.received",
        "interchange.accepted",
        "interchange.routed",
        "delivery.in_mailbox",
        "delivery.picked_up",
      ];
      expect(types.filter((t) => steps.includes(t)).slice(0, 5)).toEqual(steps);
      expect(types).toContain("message.routed");
      expect(story.interchanges).toEqual([
        expect.objectContaining({
          sender: "ZZ:ACMEFOODS",
          receiver: "ZZ:GROCERYMART",
          control: "000004711",
          state: "routed",
        }),
      ]);
      expect(story.deliveries).toEqual([expect.objectContaining({ route: "mailbox", state: "picked_up" })]);

      const byControl = json(await call(keys.a, { url: "/api/v1/track?control=000004711" }));
      expect(byControl.items).toEqual([
        expect.objectContaining({ messageId: sent.x12?.id, docTypes: ["850"] }),
      ]);
      const invoices = json(await call(keys.b, { url: "/api/v1/track?docType=810" }));
      expect(invoices.items?.map((i) => i.control)).toEqual(["000004802"]);
      const edifactTrail = json(
        await call(keys.b, { url: "/api/v1/track?partner=14:5412345000013&state=routed" }),
      );
      expect(edifactTrail.items?.map((i) => i.messageId)).toEqual([sent.edifact?.id]);
      const paged = json(await call(keys.a, { url: "/api/v1/track?limit=2&from=2000-01-01" }));
      expect(paged.items).toHaveLength(2);
      expect(paged.next).toMatch(/^\/api\/v1\/track\?from=2000-01-01&limit=2&after=/);
      const seen = [...(paged.items ?? [])];
      for (let next = paged.next; next !== null; ) {
        const page = json(await call(keys.a, { url: String(next) }));
        seen.push(...(page.items ?? []));
        next = page.next;
      }
      expect(new Set(seen.map((i) => i.id)).size).toBe(5);
      const none = json(await call(keys.a, { url: "/api/v1/track?to=2000-01-01" }));
      expect(none.items).toEqual([]);
      const badDate = await call(keys.a, { url: "/api/v1/track?from=yesterday" });
      expect(badDate.statusCode).toBe(400);
      expect(json(badDate).error).toMatchObject({ code: "REQUEST_INVALID" });
    });

    it("keeps accounts apart: other accounts' ids are not found", async () => {
      const bItem = (await backend.store.deliveries.listByMessage(sent.csv?.id ?? ""))[0];
      expect(bItem).toBeDefined();
      expect(json(await call(keys.a, { url: "/api/v1/mailbox" })).items).toEqual([]);
      for (const [method, url] of [
        ["GET", `/api/v1/mailbox/${bItem?.id}`],
        ["GET", `/api/v1/mailbox/${bItem?.id}/content`],
        ["POST", `/api/v1/mailbox/${bItem?.id}/confirm`],
        ["POST", `/api/v1/mailbox/${bItem?.id}/resend`],
      ] as const) {
        const answer = await call(keys.a, { method, url });
        expect(answer.statusCode, `${method} ${url}`).toBe(404);
        expect(json(answer).error).toMatchObject({ code: "NOT_FOUND" });
      }
      const stranger = await call(keys.c, { url: `/api/v1/messages/${sent.x12?.id}` });
      expect(stranger.statusCode).toBe(404);
      expect(json(await call(keys.c, { url: "/api/v1/track" })).items).toEqual([]);
      expect(json(await call(keys.c, { url: "/api/v1/mailbox" })).items).toEqual([]);
      const recipient = json(await call(keys.b, { url: `/api/v1/messages/${sent.two?.id}` }));
      expect(recipient.deliveries).toHaveLength(2);
      // One message, one interchange for B and one for C: each recipient sees only its own.
      const toC = x12
        .toString("latin1")
        .replace("GROCERYMART    ", "CORNERSHOP     ")
        .replace("*GROCERYMART*", "*CORNERSHOP*")
        .replaceAll("000004711", "000005711");
      const toB = x12.toString("latin1").replaceAll("000004711", "000006711");
      const split = await send(keys.a, Buffer.from(toB + toC, "latin1"));
      await runner.drain();
      const id = String(json(split).id);
      const forB = json(await call(keys.b, { url: `/api/v1/messages/${id}` }));
      const forC = json(await call(keys.c, { url: `/api/v1/messages/${id}` }));
      const forA = json(await call(keys.a, { url: `/api/v1/messages/${id}` }));
      expect((forA.interchanges as { receiver: string }[]).map((i) => i.receiver)).toEqual([
        "ZZ:GROCERYMART",
        "ZZ:CORNERSHOP",
      ]);
      expect((forA.interchanges as { state: string }[]).map((i) => i.state)).toEqual(["routed", "routed"]);
      expect(forB.interchanges).toEqual([expect.objectContaining({ receiver: "ZZ:GROCERYMART" })]);
      expect(forB.deliveries).toHaveLength(1);
      expect(forC.interchanges).toEqual([expect.objectContaining({ receiver: "ZZ:CORNERSHOP" })]);
      expect(forC.deliveries).toHaveLength(1);
      for (const [story, other] of [
        [forB, "ZZ:CORNERSHOP"],
        [forC, "ZZ:GROCERYMART"],
      ] as const) {
        expect(JSON.stringify(story.events)).not.toContain(other);
      }
      const nosuch = await call(keys.b, { url: "/api/v1/messages/msg_nosuch" });
      expect(nosuch.statusCode).toBe(404);
    });

    it("refuses bad input precisely and keeps nothing of it", async () => {
      const messages = await messageCount();
      const blobs = await backend.countBlobs();
      const refused = async (answer: LightMyRequestResponse, status: number, code: string) => {
        expect(answer.statusCode, answer.body).toBe(status);
        expect(json(answer).error).toMatchObject({ code, message: expect.any(String) });
        expect(await messageCount()).toBe(messages);
        expect(await backend.countBlobs()).toBe(blobs);
        return json(answer).error as Record<string, unknown>;
      };

      const broken = await refused(await send(keys.a, truncated), 422, "MESSAGE_EDI_INVALID");
      expect(broken.ediErrors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: "EDI_TRUNCATED", offset: 177, segment: 4, tag: "BEG" }),
        ]),
      );
      expect(broken.message).toContain("byte 177");
      await refused(await send(keys.a, ""), 400, "MESSAGE_EMPTY");
      await refused(await call(keys.a, { method: "POST", url: "/api/v1/messages" }), 400, "MESSAGE_EMPTY");
      await refused(
        await send(keys.a, csv, { "content-type": "text/csv" }),
        400,
        "MESSAGE_RECIPIENT_REQUIRED",
      );
      await refused(await send(keys.a, csv, { "x-openvan-to": "ZZ:" }), 400, "MESSAGE_RECIPIENT_INVALID");
      await refused(
        await send(keys.a, '{"order":1}', { "content-type": "application/json" }),
        400,
        "MESSAGE_RECIPIENT_REQUIRED",
      );
      await refused(
        await send("ov_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", x12),
        401,
        "UNAUTHENTICATED",
      );
      const noKey = await call(null, { method: "POST", url: "/api/v1/messages", payload: x12 });
      await refused(noKey, 401, "UNAUTHENTICATED");
      expect(noKey.headers["www-authenticate"]).toMatch(/^Bearer/);
      await refused(await call("not-a-key", { url: "/api/v1/mailbox" }), 401, "UNAUTHENTICATED");
      const invalid = await refused(
        await call(keys.a, { url: "/api/v1/mailbox?limit=0" }),
        400,
        "REQUEST_INVALID",
      );
      expect(invalid.message).toContain("limit");
      await refused(await call(keys.a, { url: "/api/v1/nowhere" }), 404, "NOT_FOUND");
    });

    it("makes an unknown receiver a visible unroutable state with its reason", async () => {
      const answer = await send(keys.a, unknownReceiver);
      expect(answer.statusCode).toBe(202);
      await runner.drain();
      const story = json(await call(keys.a, { url: `/api/v1/messages/${json(answer).id}` }));
      expect(story.state).toBe("unroutable");
      expect(story.interchanges).toEqual([
        expect.objectContaining({
          state: "unroutable",
          reason: expect.stringContaining("ZZ:NOSUCHPARTNER"),
        }),
      ]);
      expect((story.events as { type: string }[]).map((e) => e.type)).toContain("interchange.unroutable");
      const tracked = json(await call(keys.a, { url: "/api/v1/track?state=unroutable" }));
      expect(tracked.items?.map((i) => i.messageId)).toEqual([json(answer).id]);
    });

    it("returns the first answer for a repeated Idempotency-Key or an identical resend", async () => {
      const messages = await messageCount();
      const first = await send(keys.a, edifact.toString("latin1").replace("00000077", "00000078"), {
        "idempotency-key": "order-78",
      });
      expect(json(first)).toMatchObject({ replay: false });
      const retried = await send(keys.a, "anything at all", { "idempotency-key": "order-78" });
      expect(retried.statusCode).toBe(202);
      expect(json(retried)).toMatchObject({ id: json(first).id, replay: true, format: "edifact" });
      const resent = await send(keys.a, x12);
      expect(json(resent)).toMatchObject({ id: sent.x12?.id, replay: true });
      expect(await messageCount()).toBe(messages + 1);
      const otherAccount = await send(keys.c, csv, {
        "idempotency-key": "order-78",
        "x-openvan-to": "ZZ:ACMEFOODS",
      });
      expect(json(otherAccount)).toMatchObject({ replay: false });
      expect(json(otherAccount).id).not.toBe(json(first).id);
    });

    it("marks an interchange sent again with new bytes as a duplicate", async () => {
      const copy = Buffer.concat([x12, Buffer.from("\n")]);
      const answer = await send(keys.a, copy);
      expect(json(answer).id).not.toBe(sent.x12?.id);
      await runner.drain();
      const story = json(await call(keys.a, { url: `/api/v1/messages/${json(answer).id}` }));
      expect(story.interchanges).toEqual([expect.objectContaining({ state: "duplicate" })]);
    });

    it("answers /healthz, /metrics and /docs without a key", async () => {
      const health = await app.inject({ url: "/healthz" });
      expect(health.json()).toEqual({ status: "ok" });
      const metrics = await app.inject({ url: "/metrics" });
      expect(metrics.headers["content-type"]).toContain("text/plain");
      // Receives are counted by the node's services (src/services/open-services.test.ts); an app on its own
      // has the HTTP figures.
      expect(metrics.body).toContain("openvan_http_request_duration_seconds_bucket");
      const docs = (await app.inject({ url: "/docs/json" })).json();
      expect(docs.openapi).toMatch(/^3\./);
      expect(docs.paths["/api/v1/messages"].post.requestBody.content).toHaveProperty(
        "application/octet-stream",
      );
      expect(Object.keys(docs.paths)).toEqual(
        expect.arrayContaining([
          "/api/v1/mailbox",
          "/api/v1/mailbox/{id}/content",
          "/api/v1/track",
          "/api/v1/admin/accounts",
        ]),
      );
      expect((await app.inject({ url: "/docs" })).statusCode).toBeLessThan(400);
    });
  });
}
