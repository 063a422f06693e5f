import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openFsBlobStore } from "../../src/storage/blob-fs/fs-blob-store.js";
import { openSqliteStore } from "../../src/storage/sqlite/open-sqlite-store.js";
import { describeApiE2e } from "./api-e2e-suite.js";

describeApiE2e("SQLite and a local folder", async () => {
  const dir = await mkdtemp(join(tmpdir(), "openvan-e2e-"));
  const root = join(dir, "blobs");
  const store = await openSqliteStore({ path: join(dir, "openvan.db") });
  const blobs = await openFsBlobStore({ root });
  return {
    store,
    blobs,
    countBlobs: async () =>
      (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length,
    close: async () => {
      await blobs.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
