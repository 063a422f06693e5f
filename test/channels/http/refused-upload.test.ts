import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, listen } from "../../../src/channels/http/index.js";
import { issueApiKey } from "../../../src/network/index.js";
import { openTempNetwork, seedTradingPair, type TempNetwork } from "../../support/temp-network.js";

const run = promisify(execFile);

/**
 * A large upload refused before its body is read to its end (413): the client must get the JSON answer, not a
 * broken pipe or a reset connection — refused at once by its length or part-way through a chunked body, with
 * curl (with and without 100-continue) and with Node's fetch, which keeps sending until it reads the answer.
 */
describe("an upload over the size limit", () => {
  const limit = 1024 * 1024;
  let net: TempNetwork;
  let app: FastifyInstance;
  let url = "";
  let key = "";
  let big = "";

  beforeAll(async () => {
    net = await openTempNetwork({ maxMessageBytes: limit });
    const pair = await seedTradingPair(net.ctx);
    key = (await issueApiKey(net.ctx, pair.acme, "account")).key;
    app = buildApp({ ctx: net.ctx });
    url = await listen(app, { host: "127.0.0.1", port: 0 });
    // 96 MB: far more than the socket buffers on either side hold, so the client is still sending when refused.
    big = join(net.dir, "big.bin");
    const file = await open(big, "w");
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    for (let i = 0; i < 96; i++) await file.write(chunk);
    await file.close();
  });

  afterAll(async () => {
    await app.close();
    await net.close();
  });

  const curl = async (...extra: string[]) => {
    const args = ["-sS", "-o", "-", "-w", "\n%{http_code}", "-H", `Authorization: Bearer ${key}`];
    const { stdout } = await run(
      "curl",
      [...args, ...extra, "--data-binary", `@${big}`, `${url}/api/v1/messages`],
      {
        maxBuffer: 1024 * 1024,
      },
    );
    const lines = stdout.trimEnd().split("\n");
    return { status: lines.at(-1), body: JSON.parse(lines.slice(0, -1).join("\n")) as unknown };
  };

  const fetchUpload = async (withLength: boolean) => {
    const response = await fetch(`${url}/api/v1/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        ...(withLength ? { "content-length": String(96 << 20) } : {}),
      },
      body: createReadStream(big) as unknown as ReadableStream,
      duplex: "half",
    } as RequestInit);
    return { status: String(response.status), body: (await response.json()) as unknown };
  };

  const clients: readonly (readonly [string, () => Promise<{ status?: string; body: unknown }>])[] = [
    ["curl, with a length, sent at once", () => curl("-H", "Expect:")],
    ["curl, with a length, after 100-continue", () => curl()],
    ["curl, chunked", () => curl("-H", "Transfer-Encoding: chunked", "-H", "Expect:")],
    ["fetch, with a length", () => fetchUpload(true)],
    ["fetch, chunked", () => fetchUpload(false)],
  ];
  for (const [name, upload] of clients) {
    it(`answers 413 with the JSON error: ${name}`, async () => {
      for (let round = 0; round < 5; round++) {
        const answer = await upload();
        expect(answer.status).toBe("413");
        expect(answer.body).toMatchObject({ error: { code: "BLOB_TOO_LARGE" } });
      }
      expect(await net.ctx.store.messages.listReceivedBefore("9999-01-01T00:00:00.000Z", 10)).toEqual([]);
      expect(await net.blobFiles()).toEqual([]);
    });
  }
});
