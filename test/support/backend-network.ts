import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../../src/kernel/index.js";
import {
  createNetworkContext,
  defaultNetworkSettings,
  type NetworkContext,
} from "../../src/network/index.js";
import { openFsBlobStore } from "../../src/storage/blob-fs/fs-blob-store.js";
import type { MetadataStore } from "../../src/storage/ports/index.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { openSqliteStore } from "../../src/storage/sqlite/open-sqlite-store.js";
import { dropTestSchema, freshSchemaName, testDatabaseUrl } from "./postgres-s3-env.js";

export type Backend = "sqlite" | "postgres";

export const backends: readonly Backend[] = ["sqlite", "postgres"];

/** A network on a fresh SQLite file or PostgreSQL schema (the machine's), a blob folder, and a manual clock. */
export interface BackendNetwork {
  readonly ctx: NetworkContext;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

export async function openBackendNetwork(backend: Backend): Promise<BackendNetwork> {
  const dir = await mkdtemp(join(tmpdir(), `openvan-${backend}-`));
  const clock = new ManualClock("2026-03-01T09:00:00.000Z");
  const schema = freshSchemaName("acks");
  const store: MetadataStore =
    backend === "sqlite"
      ? await openSqliteStore({ path: join(dir, "openvan.db"), clock })
      : await openPostgresStore({ url: testDatabaseUrl, schema, clock });
  const blobs = await openFsBlobStore({ root: join(dir, "blobs") });
  const ctx = createNetworkContext({ store, blobs, clock, settings: defaultNetworkSettings });
  return {
    ctx,
    clock,
    async close() {
      await store.close();
      await blobs.close();
      await rm(dir, { recursive: true, force: true });
      if (backend === "postgres") await dropTestSchema(schema);
    },
  };
}
