import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/kernel/index.js";
import { authenticateApiKey, createNetworkContext, defaultNetworkSettings } from "../../src/network/index.js";
import { ensureOperatorKey, operatorAccountName } from "../../src/services/index.js";
import { openFsBlobStore } from "../../src/storage/blob-fs/fs-blob-store.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { dropTestSchema, freshSchemaName, testDatabaseUrl } from "../support/postgres-s3-env.js";

/** Several nodes start for the very first time on one fresh PostgreSQL schema, all at once. */
describe("the operator's admin key when nodes start together on PostgreSQL", () => {
  const schema = freshSchemaName("operator_race");
  let dir = "";

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await dropTestSchema(schema);
  });

  it("makes one operator account with one admin key, and every node starts", async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-operator-race-"));
    const nodes = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const store = await openPostgresStore({ url: testDatabaseUrl, schema });
        const blobs = await openFsBlobStore({ root: join(dir, `blobs-${i}`) });
        const ctx = createNetworkContext({
          store,
          blobs,
          clock: systemClock,
          settings: defaultNetworkSettings,
        });
        return { ctx, dataDir: await mkdtemp(join(dir, `node-${i}-`)) };
      }),
    );
    try {
      const outcomes = await Promise.allSettled(nodes.map((n) => ensureOperatorKey(n.ctx, n.dataDir)));
      const started = outcomes.map((o) => (o.status === "fulfilled" ? o.value : o.reason));
      expect(
        outcomes.every((o) => o.status === "fulfilled"),
        String(started),
      ).toBe(true);
      const made = started.filter((o) => o.created === true);
      expect(made).toHaveLength(1);

      const { store } = nodes[0]?.ctx ?? { store: undefined };
      if (store === undefined) throw new Error("no node");
      const operators = (await store.accounts.list()).filter((a) => a.name === operatorAccountName);
      expect(operators).toHaveLength(1);
      const keys = await store.apiKeys.listByAccount(operators[0]?.id ?? "");
      expect(keys.filter((k) => k.scope === "admin" && k.revokedAt === null)).toHaveLength(1);
      const key = (await readFile(made[0]?.file ?? "", "utf8")).trim();
      expect(await authenticateApiKey(nodes[0]?.ctx ?? ({} as never), key)).toMatchObject({ scope: "admin" });
    } finally {
      for (const n of nodes) {
        await n.ctx.store.close();
        await n.ctx.blobs.close();
      }
    }
  });
});
