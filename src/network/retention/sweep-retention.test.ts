import { mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dropTestSchema, freshSchemaName, testDatabaseUrl } from "../../../test/support/postgres-s3-env.js";
import { ManualClock } from "../../kernel/index.js";
import { openFsBlobStore } from "../../storage/blob-fs/fs-blob-store.js";
import { tieredBlobStore } from "../../storage/blob-tiered/tiered-blob-store.js";
import { aDelivery, aMessage } from "../../storage/contract/metadata/metadata-fixtures.js";
import type { BlobStore, MessageRecord, MetadataStore } from "../../storage/ports/index.js";
import { openPostgresStore } from "../../storage/postgres/open-postgres-store.js";
import { openSqliteStore } from "../../storage/sqlite/open-sqlite-store.js";
import { createAccount } from "../accounts/create-account.js";
import { createNetworkContext, defaultNetworkSettings, type NetworkContext } from "../network-context.js";
import { sweepRetention } from "./sweep-retention.js";

const day = 24 * 3600_000;
const settings = { ...defaultNetworkSettings, retentionMs: 7 * day, orphanBlobAgeMs: day };

/**
 * The retention sweep on each real database, with small blobs in it and large ones in a folder. The clock is
 * two days ahead of the real one, so that the blobs written now are past the one-day orphan margin.
 */
describe.each(["sqlite", "postgres"] as const)("sweepRetention on %s", (backend) => {
  let dir: string;
  let schema: string;
  let clock: ManualClock;
  let stores: MetadataStore[];
  let large: BlobStore;
  let nodes: NetworkContext[];
  let accountId: string;

  /** A node of the network: its own connection to the shared database, the shared blobs. */
  async function openNode(): Promise<NetworkContext> {
    const store =
      backend === "sqlite"
        ? await openSqliteStore({ path: join(dir, "openvan.db"), clock })
        : await openPostgresStore({ url: testDatabaseUrl, schema, clock });
    stores.push(store);
    const blobs = tieredBlobStore({
      large,
      store,
      commit: (work) => store.transaction(work),
      smallMaxBytes: 100,
      clock,
    });
    return createNetworkContext({ store, blobs, clock, settings });
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), `openvan-retention-${backend}-`));
    schema = freshSchemaName("retention");
    clock = new ManualClock(new Date(Date.now() + 2 * day));
    stores = [];
    large = await openFsBlobStore({ root: join(dir, "blobs") });
    nodes = [await openNode(), await openNode()];
    accountId = (await createAccount(node(), "Grocery Mart")).id;
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    await large.close();
    await rm(dir, { recursive: true, force: true });
    if (backend === "postgres") await dropTestSchema(schema);
  });

  const node = (i = 0): NetworkContext => nodes[i] as NetworkContext;

  /** A message received `daysAgo` by the clock, its bytes (small or large) committed with it. */
  async function storeMessage(daysAgo: number, size: number): Promise<MessageRecord> {
    const ctx = node();
    const blob = await ctx.blobs.put(
      (async function* () {
        yield Buffer.alloc(size, 65);
      })(),
      { deferSmall: true },
    );
    const message = aMessage(accountId, {
      blobKey: blob.key,
      size: blob.size,
      sha256: blob.sha256,
      receivedAt: new Date(clock.now().getTime() - daysAgo * day).toISOString(),
    });
    await ctx.store.transaction(async (tx) => {
      await blob.commitIn?.(tx);
      await tx.messages.insert(message);
    });
    return message;
  }

  async function removalEvents(message: MessageRecord): Promise<number> {
    const events = await node().store.events.listByMessage(message.id);
    return events.filter((e) => e.type === "message.content_removed").length;
  }

  /** Sets the modification time of a large blob's file. */
  async function touch(key: string, time: Date): Promise<void> {
    await utimes(join(dir, "blobs", key.slice(-2, -1), key.slice(-1), key), time, time);
  }

  it("removes the bytes of every old message, page after page, passing over those an item needs", async () => {
    const old: MessageRecord[] = [];
    for (let i = 0; i < 8; i++) old.push(await storeMessage(10 + i / 10, i % 2 === 0 ? 50 : 5000));
    const recent = [await storeMessage(1, 50), await storeMessage(2, 5000)];
    // The oldest message is still in a mailbox (its item expires later).
    const held = old[7] as MessageRecord;
    const item = aDelivery(held, accountId, {
      expiresAt: new Date(clock.now().getTime() + day).toISOString(),
    });
    await node().store.deliveries.insert(item);

    expect(await sweepRetention(node(), 3)).toEqual({
      expiredDeliveries: 0,
      deletedBlobs: 7,
      orphanBlobs: 0,
    });
    for (const message of old.slice(0, 7)) {
      expect(await node().blobs.size(message.blobKey)).toBeNull();
      expect(await removalEvents(message)).toBe(1);
    }
    for (const message of [held, ...recent]) {
      expect(await node().blobs.size(message.blobKey)).toBe(message.size);
      expect(await removalEvents(message)).toBe(0);
    }
    // The records stay, for tracking.
    expect(await node().store.messages.get(old[0]!.id)).toEqual(old[0]);

    // Nothing more to do, however often it runs; once the item expires, its message's bytes go too.
    expect(await sweepRetention(node(), 3)).toEqual({
      expiredDeliveries: 0,
      deletedBlobs: 0,
      orphanBlobs: 0,
    });
    clock.advance(2 * day);
    expect(await sweepRetention(node(), 3)).toEqual({
      expiredDeliveries: 1,
      deletedBlobs: 1,
      orphanBlobs: 0,
    });
    expect(await node().blobs.size(held.blobKey)).toBeNull();
    expect(await removalEvents(held)).toBe(1);
    for (const message of recent) expect(await node().blobs.size(message.blobKey)).toBe(message.size);
  });

  it("lets two nodes sweep at once: every message's bytes removed, each told once", async () => {
    const old: MessageRecord[] = [];
    for (let i = 0; i < 9; i++) old.push(await storeMessage(8 + i / 10, i % 3 === 0 ? 5000 : 50));
    const results = await Promise.all([sweepRetention(node(0), 2), sweepRetention(node(1), 2)]);
    expect(results[0].deletedBlobs + results[1].deletedBlobs).toBe(9);
    for (const message of old) {
      expect(await node().blobs.size(message.blobKey)).toBeNull();
      expect(await removalEvents(message)).toBe(1);
    }
  });

  it("removes an orphan past the margin; keeps a young one and those a message or an item refers to", async () => {
    const put = async (): Promise<string> =>
      (
        await node().blobs.put(
          (async function* () {
            yield Buffer.alloc(500, 66);
          })(),
        )
      ).key;
    const orphan = await put();
    const young = await put();
    // Written a day after the real now: within the margin by the clock.
    await touch(young, new Date(Date.now() + 1.5 * day));
    const referenced = await storeMessage(1, 500);
    const removedLater = await storeMessage(1, 500);
    // A delivery outlives the message it was made from (the records allow it): its bytes are still needed.
    await node().store.deliveries.insert(aDelivery(removedLater, accountId));
    await node().store.messages.delete(removedLater.id);

    expect(await sweepRetention(node(), 2)).toEqual({
      expiredDeliveries: 0,
      deletedBlobs: 0,
      orphanBlobs: 1,
    });
    expect(await node().blobs.size(orphan)).toBeNull();
    expect(await node().blobs.size(young)).toBe(500);
    expect(await node().blobs.size(referenced.blobKey)).toBe(500);
    expect(await node().blobs.size(removedLater.blobKey)).toBe(500);
    expect(await sweepRetention(node(), 2)).toMatchObject({ orphanBlobs: 0 });
  });

  it("looks at a bounded number of blobs per sweep, and the next sweep goes on where it stopped", async () => {
    const orphans: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { key } = await node().blobs.put(
        (async function* () {
          yield Buffer.alloc(500, 67 + i);
        })(),
      );
      orphans.push(key);
    }
    const kept = await storeMessage(1, 500);
    const sweep = async (): Promise<number> => (await sweepRetention(node(), 2, 2)).orphanBlobs;
    // Six blobs (in the store's order, not the order written), two looked at per sweep: three sweeps go
    // through them all, each removing at most two.
    const removed = [await sweep(), await sweep(), await sweep()];
    expect(removed.every((count) => count <= 2)).toBe(true);
    expect(removed.reduce((sum, count) => sum + count, 0)).toBe(5);
    expect(await sweep()).toBe(0);
    for (const key of orphans) expect(await node().blobs.size(key)).toBeNull();
    expect(await node().blobs.size(kept.blobKey)).toBe(500);
  });
});
