import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
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

  it("lists finished blobs by the time they were written, never uploads under way or foreign files", async () => {
    const root = join(folder, "older");
    const store = await openFsBlobStore({ root });
    const put = async (text: string) =>
      (
        await store.put(
          (async function* () {
            yield Buffer.from(text);
          })(),
        )
      ).key;
    const old = [await put("a"), await put("b"), await put("c"), await put("d")];
    const young = await put("written later");
    // The test's `before` is ahead of the clock; a blob written after it has a modification time past it.
    const before = new Date(Date.now() + 3600_000);
    const later = new Date(Date.now() + 2 * 3600_000);
    utimesSync(join(root, young.slice(-2, -1), young.slice(-1), young), later, later);
    const longAgo = new Date(Date.now() - 3 * 24 * 3600_000);
    const part = join(root, "tmp", "01kmzx0000000000000000000a.part");
    writeFileSync(part, "under way");
    utimesSync(part, longAgo, longAgo);
    mkdirSync(join(root, "a", "b"), { recursive: true });
    writeFileSync(join(root, "a", "b", "notes.txt"), "not a blob");
    utimesSync(join(root, "a", "b", "notes.txt"), longAgo, longAgo);

    const pages: string[][] = [];
    for (let after: string | null = null; ; ) {
      const page: string[] = [...(await store.listOlderThan(before, after, 3))];
      pages.push(page);
      if (page.length < 3) break;
      after = page.at(-1) ?? null;
      // The key a page ended at may be gone (the sweep deletes it); the next page starts after it all the same.
      await store.delete(after as string);
    }
    expect(pages.map((page) => page.length)).toEqual([3, 1]);
    expect(pages.flat().sort()).toEqual([...old].sort());
    expect(await store.listOlderThan(new Date(Date.now() - 3600_000), null, 10)).toEqual([]);
    await expect(store.listOlderThan(before, "../../etc", 10)).rejects.toMatchObject({
      code: "INTERNAL_INVALID_ARGUMENT",
    });
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
