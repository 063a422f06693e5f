import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeBlobStoreContract } from "../contract/blob-store.contract.js";
import { openFsBlobStore } from "./fs-blob-store.js";

const folder = mkdtempSync(join(tmpdir(), "openvan-blobs-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

const contractRoot = join(folder, "contract");
describeBlobStoreContract(
  "local folder",
  () => openFsBlobStore({ root: contractRoot }),
  undefined,
  async () => filesUnder(contractRoot).length,
);

describe("openFsBlobStore", () => {
  it("files a blob under two folders named after the end of its key, leaving tmp/ empty", async () => {
    const root = join(folder, "layout");
    const store = await openFsBlobStore({ root });
    const { key } = await store.put(
      (async function* () {
        yield Buffer.from("UNA:+.? 'UNB+UNOC:3'");
      })(),
    );
    expect(filesUnder(root)).toEqual([join(key.slice(-2, -1), key.slice(-1), key)]);
    await store.close();
  });

  it("removes uploads that a crash cut off, once they are a day old", async () => {
    const root = join(folder, "stale");
    await (await openFsBlobStore({ root })).close();
    const old = join(root, "tmp", "old.part");
    const fresh = join(root, "tmp", "fresh.part");
    writeFileSync(old, "cut off");
    writeFileSync(fresh, "under way");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    await (await openFsBlobStore({ root })).close();
    expect(readdirSync(join(root, "tmp"))).toEqual(["fresh.part"]);
  });
});
