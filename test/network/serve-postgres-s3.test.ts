import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresS3Env, type PostgresS3Env } from "../support/postgres-s3-env.js";
import { runServer } from "./run-server.js";

/** `openvan serve` scaled-out style: OPENVAN_DATABASE_URL on the machine's PostgreSQL, OPENVAN_BLOB_URL on s3rver. */
const sample = await readFile(new URL("../../samples/x12-850-purchase-order.edi", import.meta.url));

describe("openvan serve on PostgreSQL and S3", () => {
  let environment: PostgresS3Env;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    environment = await openPostgresS3Env("serve");
    dir = environment.dir;
    env = environment.env;
  });

  afterAll(async () => {
    await environment?.close();
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
