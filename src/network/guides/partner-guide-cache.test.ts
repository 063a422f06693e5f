import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinGuides } from "../../edi/guides/index.js";
import { ManualClock } from "../../kernel/index.js";
import { openFsBlobStore } from "../../storage/blob-fs/fs-blob-store.js";
import { openSqliteStore } from "../../storage/sqlite/open-sqlite-store.js";
import { createAccount } from "../accounts/create-account.js";
import { createNetworkContext, defaultNetworkSettings, type NetworkContext } from "../network-context.js";
import { partnerGuideCacheTtlMs, partnerGuideSet } from "./partner-guide-cache.js";
import { addPartnerGuide, removePartnerGuide } from "./partner-guides.js";

const set850 = { standard: "x12", set: "850", groupVersion: "005010", setVersion: null } as const;
const guide = {
  id: "acme-850",
  extends: "x12-850",
  overrides: { BEG: { elements: { "02": { codes: ["SA"] } } } },
};

/** Two nodes: two stores on one SQLite file, each with its own cache. */
describe("partner guide sets", () => {
  let dir: string;
  let nodes: NetworkContext[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-guide-cache-"));
    const clock = new ManualClock("2026-03-01T09:00:00.000Z");
    const blobs = await openFsBlobStore({ root: join(dir, "blobs") });
    nodes = [];
    for (let i = 0; i < 2; i++) {
      const store = await openSqliteStore({ path: join(dir, "openvan.db"), clock });
      nodes.push(createNetworkContext({ store, blobs, clock, settings: defaultNetworkSettings }));
    }
  });

  afterEach(async () => {
    for (const n of nodes) await n.store.close();
    await nodes[0]?.blobs.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("layers the partner's guide on the built-ins; the writing node sees a change at once, others within the TTL", async () => {
    const [a, b] = nodes as [NetworkContext, NetworkContext];
    const account = (await createAccount(a, "Grocery Mart")).id;
    expect(await partnerGuideSet(b, account, "ZZ:ACMEFOODS")).toBe(builtinGuides());

    const added = await addPartnerGuide(a, account, { guide, partner: "ZZ:ACMEFOODS" });
    const onA = await partnerGuideSet(a, account, "ZZ:ACMEFOODS");
    expect(onA.select(set850)?.id).toBe("acme-850");
    expect((await partnerGuideSet(a, account, "ZZ:OTHER")).select(set850)?.id).toBe("x12-850");
    // Node b read the account before the write: it keeps its copy until the TTL runs out.
    expect((await partnerGuideSet(b, account, "ZZ:ACMEFOODS")).has("acme-850")).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, partnerGuideCacheTtlMs + 100));
    expect((await partnerGuideSet(b, account, "ZZ:ACMEFOODS")).has("acme-850")).toBe(true);
    // Reused while fresh: one compiled set per account and partner.
    expect(await partnerGuideSet(b, account, "ZZ:ACMEFOODS")).toBe(
      await partnerGuideSet(b, account, "ZZ:ACMEFOODS"),
    );

    await removePartnerGuide(a, account, added.id);
    expect((await partnerGuideSet(a, account, "ZZ:ACMEFOODS")).has("acme-850")).toBe(false);
  });
});
