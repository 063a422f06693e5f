import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { describeMetadataStoreContract } from "../contract/metadata-store.contract.js";
import { openSqliteStore } from "./open-sqlite-store.js";

const folder = mkdtempSync(join(tmpdir(), "openvan-sqlite-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeMetadataStoreContract("SQLite", () => openSqliteStore({ path: join(folder, "data", "openvan.db") }));

describe("openSqliteStore", () => {
  it("keeps its records in a WAL-mode file across a reopen", async () => {
    const path = join(folder, "reopen", "openvan.db");
    const account = { id: "acc_1", name: "Acme Foods", createdAt: "2026-03-01T00:00:00.000Z" };
    const first = await openSqliteStore({ path });
    await first.accounts.insert(account);
    await first.close();
    const second = await openSqliteStore({ path });
    expect(await second.accounts.get(account.id)).toEqual(account);
    await second.close();
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      raw.close();
    }
  });
});
