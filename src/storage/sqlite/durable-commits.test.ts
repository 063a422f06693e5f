import { mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "./open-sqlite-store.js";
import { WalSync } from "./wal-sync.js";

const folder = mkdtempSync(join(tmpdir(), "openvan-wal-sync-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Counts the flushes of every file handle of this process from now on. */
async function countFlushes(): Promise<{ count: () => number }> {
  const probe = await open(join(folder, "probe"), "w");
  const prototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const spy = vi.spyOn(prototype, "datasync");
  return { count: () => spy.mock.calls.length };
}

describe("commits on the SQLite store", () => {
  it("answer a commit only after a flush of the WAL, one flush serving the commits made while one ran", async () => {
    const store = await openSqliteStore({ path: join(folder, "share", "openvan.db") });
    try {
      const flushes = await countFlushes();
      const accounts = Array.from({ length: 40 }, (_, i) => ({
        id: `acc_${i}`,
        name: `Company ${i}`,
        createdAt: "2026-03-01T00:00:00.000Z",
      }));
      await Promise.all(accounts.map((a) => store.transaction((tx) => tx.accounts.insert(a))));
      // Every commit waited for a flush; commits made during one flush shared the next.
      expect(flushes.count()).toBeGreaterThan(0);
      expect(flushes.count()).toBeLessThan(accounts.length);
      const before = flushes.count();
      await store.accounts.insert({ id: "acc_alone", name: "Alone", createdAt: "2026-03-01T00:00:00.000Z" });
      expect(flushes.count()).toBe(before + 1);
      await store.accounts.get("acc_alone");
      expect(flushes.count()).toBe(before + 1);
    } finally {
      await store.close();
    }
  });

  it("run one transaction at a time although the connection is handed on before the flush ends", async () => {
    const store = await openSqliteStore({ path: join(folder, "serial", "openvan.db") });
    try {
      // Each transaction counts the accounts, yields, and adds the next one under that count as its id:
      // overlapping transactions would take one id twice and fail.
      await Promise.all(
        Array.from({ length: 60 }, () =>
          store.transaction(async (tx) => {
            const n = (await tx.accounts.list()).length;
            await new Promise((resolve) => setImmediate(resolve));
            await tx.accounts.insert({
              id: `acc_${n}`,
              name: `Company ${n}`,
              createdAt: "2026-03-01T00:00:00.000Z",
            });
          }),
        ),
      );
      expect((await store.accounts.list()).length).toBe(60);
    } finally {
      await store.close();
    }
  });
});

describe("WalSync", () => {
  it("shares a flush between the callers that ask while one runs, and starts one more for them", async () => {
    const path = join(folder, "plain.db");
    await (await open(`${path}-wal`, "w")).close();
    const wal = new WalSync(path);
    const flushes = await countFlushes();
    await Promise.all(Array.from({ length: 10 }, () => wal.sync()));
    // The first caller's flush, then one for all who came while it ran.
    expect(flushes.count()).toBe(2);
    await wal.close();
    await expect(wal.sync()).rejects.toThrow(/closed/);
  });
});
