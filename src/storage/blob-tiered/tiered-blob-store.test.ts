import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openFsBlobStore } from "../blob-fs/fs-blob-store.js";
import { describeBlobStoreContract } from "../contract/blob-store.contract.js";
import type { BlobStore, MetadataRepositories, MetadataStore } from "../ports/index.js";
import { openSqliteStore } from "../sqlite/open-sqlite-store.js";
import { tieredBlobStore } from "./tiered-blob-store.js";

const folder = mkdtempSync(join(tmpdir(), "openvan-tiered-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Opened {
  readonly blobs: BlobStore;
  readonly store: MetadataStore;
  readonly root: string;
  readonly database: string;
  commits: number;
}

async function openTiered(name: string, smallMaxBytes: number): Promise<Opened> {
  const database = join(folder, name, "openvan.db");
  const root = join(folder, name, "blobs");
  const store = await openSqliteStore({ path: database });
  const opened: Opened = {
    store,
    root,
    database,
    commits: 0,
    blobs: tieredBlobStore({
      large: await openFsBlobStore({ root }),
      store,
      smallMaxBytes,
      commit: <T>(work: (tx: MetadataRepositories) => Promise<T>) => {
        opened.commits++;
        return store.transaction(work);
      },
    }),
  };
  return opened;
}

function filesUnder(root: string): number {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

function smallBlobRows(database: string): number {
  const db = new BetterSqlite3(database, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from small_blobs").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

let contract: Opened | undefined;
describeBlobStoreContract(
  "small ones in SQLite, large ones in a local folder",
  async () => {
    contract = await openTiered("contract", 1000);
    return contract.blobs;
  },
  async () => contract?.store.close(),
  async () => (contract === undefined ? 0 : filesUnder(contract.root) + smallBlobRows(contract.database)),
);

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe("tieredBlobStore", () => {
  it("keeps a blob of up to smallMaxBytes as a row, committed through the given commit, and no file", async () => {
    const tiered = await openTiered("small", 10);
    try {
      const info = await tiered.blobs.put(chunks("ISA*", "00*~"));
      expect(info.key.startsWith("sb_")).toBe(true);
      expect(tiered.commits).toBe(1);
      expect(filesUnder(tiered.root)).toBe(0);
      expect(smallBlobRows(tiered.database)).toBe(1);
      expect((await tiered.blobs.get(info.key, { start: 2, end: 6 })).read()).toEqual(Buffer.from("A*00"));
    } finally {
      await tiered.blobs.close();
      await tiered.store.close();
    }
  });

  it("streams a larger blob to the large store, the bytes read to decide included", async () => {
    const tiered = await openTiered("large", 10);
    try {
      const info = await tiered.blobs.put(chunks("0123456", "789ab", "cdef"));
      expect(info.key.startsWith("sb_")).toBe(false);
      expect(info.size).toBe(16);
      expect(tiered.commits).toBe(0);
      expect(filesUnder(tiered.root)).toBe(1);
      const back: Buffer[] = [];
      for await (const part of await tiered.blobs.get(info.key)) back.push(part as Buffer);
      expect(Buffer.concat(back).toString()).toBe("0123456789abcdef");
      await tiered.blobs.delete(info.key);
      expect(filesUnder(tiered.root)).toBe(0);
    } finally {
      await tiered.blobs.close();
      await tiered.store.close();
    }
  });

  it("lists the large store's blobs for the orphan sweep, never the small ones (committed with their records)", async () => {
    const tiered = await openTiered("listing", 10);
    try {
      const small = await tiered.blobs.put(chunks("ISA*00*~"));
      const large = await tiered.blobs.put(chunks("0123456789abcdef"));
      expect(await tiered.blobs.listOlderThan(new Date(Date.now() + 60_000), null, 10)).toEqual([large.key]);
      expect(await tiered.blobs.size(small.key)).toBe(8);
    } finally {
      await tiered.blobs.close();
      await tiered.store.close();
    }
  });

  it("leaves a deferred small blob to the caller's transaction: written with it, or not at all", async () => {
    const tiered = await openTiered("deferred", 10);
    try {
      const info = await tiered.blobs.put(chunks("ISA*00*~"), { deferSmall: true });
      expect(info.commitIn).toBeTypeOf("function");
      expect([tiered.commits, smallBlobRows(tiered.database)]).toEqual([0, 0]);
      await expect(tiered.blobs.size(info.key)).resolves.toBeNull();
      await expect(
        tiered.store.transaction(async (tx) => {
          await info.commitIn?.(tx);
          throw new Error("the records failed");
        }),
      ).rejects.toThrow("the records failed");
      expect(smallBlobRows(tiered.database)).toBe(0);
      await tiered.store.transaction(async (tx) => info.commitIn?.(tx));
      expect(await tiered.blobs.size(info.key)).toBe(8);
      // A large blob is streamed on as before: nothing is left to the caller.
      const large = await tiered.blobs.put(chunks("0123456789abcdef"), { deferSmall: true });
      expect(large.commitIn).toBeUndefined();
      expect(filesUnder(tiered.root)).toBe(1);
    } finally {
      await tiered.blobs.close();
      await tiered.store.close();
    }
  });
});
