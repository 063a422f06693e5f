import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/kernel/index.js";
import {
  applyRoute,
  createNetworkContext,
  defaultNetworkSettings,
  type NetworkContext,
  readRouteInput,
  receiveMessage,
} from "../../src/network/index.js";
import { openFsBlobStore } from "../../src/storage/blob-fs/fs-blob-store.js";
import type { BlobStore, MetadataStore } from "../../src/storage/ports/index.js";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { dropTestSchema, freshSchemaName, testDatabaseUrl } from "../support/postgres-s3-env.js";
import {
  bodyOf,
  routingFailingAtIngest,
  seedTradingPair,
  type TradingPair,
} from "../support/temp-network.js";
import { purchaseOrder } from "./purchase-order.js";

/**
 * Two nodes on one PostgreSQL route two messages carrying the same interchange (sender, receiver and control
 * number) at the same instant: the second must see the first's claim and mark its interchange a duplicate,
 * even though the first has not committed when the second looks.
 */
describe("duplicate detection across nodes on PostgreSQL", () => {
  const schema = freshSchemaName("dup_race");
  let dir: string;
  let blobs: BlobStore;
  const stores: MetadataStore[] = [];
  const nodes: NetworkContext[] = [];
  let pair: TradingPair;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-dup-race-"));
    blobs = await openFsBlobStore({ root: join(dir, "blobs") });
    for (let i = 0; i < 2; i++) {
      const store = await openPostgresStore({ url: testDatabaseUrl, schema });
      stores.push(store);
      nodes.push(
        createNetworkContext({ store, blobs, clock: systemClock, settings: defaultNetworkSettings }),
      );
    }
    pair = await seedTradingPair(nodes[0] as NetworkContext);
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await blobs.close();
    await rm(dir, { recursive: true, force: true });
    await dropTestSchema(schema);
  });

  it("accepts the interchange once when two nodes route it at the same time", async () => {
    const [one, two] = nodes as [NetworkContext, NetworkContext];
    const interchange = purchaseOrder(4242);
    // Different bytes (a line break after the trailer), the same envelope: not a resend, a duplicate.
    const ids: string[] = [];
    for (const bytes of [interchange, Buffer.concat([interchange, Buffer.from("\r\n")])]) {
      // Kept with route jobs (routing at ingest fails here), so that the two routings can be raced.
      const verdict = await receiveMessage(routingFailingAtIngest(one), {
        accountId: pair.acme,
        channel: "api",
        body: bodyOf(bytes),
      });
      if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
      ids.push(verdict.messageId);
    }
    const inputs = await Promise.all(ids.map((id) => readRouteInput(one, id)));

    let firstApplied: () => void = () => {};
    const applied = new Promise<void>((resolve) => {
      firstApplied = resolve;
    });
    const first = one.store.transaction(async (tx) => {
      const states = await applyRoute(one, tx, inputs[0] ?? { messageId: "", units: [] });
      firstApplied();
      // The first node has routed but not committed while the second routes.
      await new Promise((resolve) => setTimeout(resolve, 400));
      return states;
    });
    await applied;
    const second = two.store.transaction((tx) =>
      applyRoute(two, tx, inputs[1] ?? { messageId: "", units: [] }),
    );
    expect(await first).toEqual(["routed"]);
    expect(await second).toEqual(["duplicate"]);
    const mailbox = await one.store.deliveries.listMailbox(pair.grocer, "in_mailbox", null, 10);
    expect(mailbox.items.map((d) => d.messageId)).toEqual([ids[0]]);
  });

  it("accepts the interchange once when two nodes receive it at the same time and route it at ingest", async () => {
    const [one, two] = nodes as [NetworkContext, NetworkContext];
    const interchange = purchaseOrder(4343);
    const verdicts = await Promise.all(
      [interchange, Buffer.concat([interchange, Buffer.from("\r\n")])].map((bytes, i) =>
        receiveMessage(i === 0 ? one : two, { accountId: pair.acme, channel: "api", body: bodyOf(bytes) }),
      ),
    );
    const ids = verdicts.map((v) => (v.kind === "accepted" ? v.messageId : ""));
    const states = await Promise.all(ids.map(async (id) => (await one.store.messages.get(id))?.state));
    expect(states.sort()).toEqual(["rejected", "routed"]);
    const mailbox = await one.store.deliveries.listMailbox(pair.grocer, "in_mailbox", null, 10);
    expect(mailbox.items.filter((d) => ids.includes(d.messageId))).toHaveLength(1);
  });
});
