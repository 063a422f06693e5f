import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describeSftpE2e } from "./sftp-e2e-suite.js";

/** The embedded default: SQLite and a blob folder in the node's data folder. */
describeSftpE2e(
  "SQLite and a blob folder",
  async (dir) => ({
    env: { OPENVAN_SMALL_BLOB_MAX: "0" },
    async countBlobs() {
      const entries = await readdir(join(dir, "data", "blobs"), {
        recursive: true,
        withFileTypes: true,
      }).catch(() => []);
      return entries.filter((entry) => entry.isFile()).length;
    },
    async close() {},
  }),
  { full: true },
);
