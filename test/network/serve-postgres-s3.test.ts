import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/kernel/index.js";
import { runServer } from "./run-server.js";

/** `openvan serve` scaled-out style: OPENVAN_DATABASE_URL on the machine's PostgreSQL, OPENVAN_BLOB_URL on s3rver. */
const url = "postgres://postgres@127.0.0.1:5432/test";
const bucket = "openvan-serve";
const sample = await readFile(new URL("../../samples/x12-850-purchase-order.edi", import.meta.url));

describe("openvan serve on PostgreSQL and S3", () => {
  const schema = `openvan_serve_${newId()}`;
  let dir: string;
  let s3: S3rver;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-serve-pg-"));
    s3 = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: join(dir, "s3"),
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await s3.run();
    env = {
      OPENVAN_DATABASE_URL: url,
      OPENVAN_DATABASE_SCHEMA: schema,
      OPENVAN_BLOB_URL: `s3://${bucket}/blobs?endpoint=http://127.0.0.1:${port}&region=us-east-1&forcePathStyle=true`,
      OPENVAN_S3_ACCESS_KEY_ID: "S3RVER",
      OPENVAN_S3_SECRET_ACCESS_KEY: "S3RVER",
    };
  });

  afterAll(async () => {
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });

  it("stores in the configured database and bucket, and two nodes share them", async () => {
    const first = await runServer({ data: join(dir, "node-1"), demo: true }, env);
    const second = await runServer({ data: join(dir, "node-2") }, env);
    try {
      const demo = JSON.parse(await readFile(join(dir, "node-1", "demo.json"), "utf8")) as {
        accounts: { apiKey: string }[];
      };
      const [acme, grocery] = demo.accounts;
      const sent = await fetch(`${first.url}/api/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${acme?.apiKey}` },
        body: sample,
      });
      expect(sent.status).toBe(202);
      // The other node sees the same accounts, messages and blobs.
      const auth = { authorization: `Bearer ${grocery?.apiKey}` };
      let items: { id: string }[] = [];
      for (let i = 0; i < 200 && items.length === 0; i++) {
        const page = (await (await fetch(`${second.url}/api/v1/mailbox`, { headers: auth })).json()) as {
          items: { id: string }[];
        };
        items = page.items;
        if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(items).toHaveLength(1);
      const content = await fetch(`${second.url}/api/v1/mailbox/${items[0]?.id}/content`, { headers: auth });
      expect(Buffer.from(await content.arrayBuffer()).equals(sample)).toBe(true);
      expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ status: "ok" });
    } finally {
      expect(await second.stop()).toBe(0);
      expect(await first.stop()).toBe(0);
    }
  });
});
