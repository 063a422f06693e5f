import { afterAll, beforeAll, expect, it } from "vitest";
import { createAs2Channel } from "../../../src/channels/as2/index.js";
import type { JobRecord } from "../../../src/storage/ports/index.js";
import { openTempNetwork, type TempNetwork } from "../../support/temp-network.js";

// The async MDN job: a 4xx other than 408 is permanent (the job ends), 408, 5xx and no answer are retried (it throws).
let net: TempNetwork;
let status = 200;
let calls = 0;

beforeAll(async () => {
  net = await openTempNetwork();
});
afterAll(async () => {
  await net?.close();
});

async function run(answer: number | "none"): Promise<void> {
  const channel = await createAs2Channel({
    ctx: net.ctx,
    as2Id: "OPENVAN",
    product: "OpenVAN/test",
    maxBytes: 1 << 20,
    poke: () => {},
    fetch: (async () => {
      calls++;
      if (answer === "none") throw new TypeError("fetch failed");
      return new Response("no such endpoint", { status: answer });
    }) as typeof fetch,
  });
  status = answer === "none" ? 0 : answer;
  const job = {
    id: "job_1",
    kind: "as2_mdn",
    payload: {
      url: "http://127.0.0.1:9/mdn",
      headers: { "AS2-To": '"PARTNER"', "Content-Type": "text/plain" },
      body: Buffer.from("mdn").toString("base64"),
      originalMessageId: "m1@partner",
    },
  } as unknown as JobRecord;
  const handler = channel.jobHandlers.as2_mdn as (job: JobRecord) => Promise<void>;
  await handler(job);
}

it("ends the job at once on 4xx other than 408", async () => {
  for (const s of [400, 401, 403, 404, 410, 413]) await expect(run(s)).resolves.toBeUndefined();
  expect(calls).toBe(6);
});

it("throws (to be retried) on 408, 5xx and no answer; resolves on 2xx", async () => {
  for (const s of [408, 500, 502, 503]) await expect(run(s)).rejects.toThrow(/HTTP \d{3}/);
  await expect(run("none")).rejects.toThrow(/fetch failed/);
  await expect(run(200)).resolves.toBeUndefined();
  expect(status).toBe(200);
});
