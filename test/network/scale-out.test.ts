import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/storage/postgres/open-postgres-store.js";
import { openPostgresS3Env, type PostgresS3Env, testDatabaseUrl } from "../support/postgres-s3-env.js";
import { leftoverWork } from "./leftover-work.js";
import { purchaseOrder } from "./purchase-order.js";
import { awaitMailbox, downloadItem, forEachConcurrently, readWholeMailbox } from "./read-mailbox.js";
import { randomInt, seededRandom } from "./seeded-random.js";
import { sendAll } from "./send-all.js";
import { type ServerProcess, spawnServer } from "./spawn-server.js";

/**
 * The scale-out test of the network core: three `openvan serve` processes share one PostgreSQL database and
 * one S3 bucket. Clients send to all three in turn; one node is killed with SIGKILL mid-way (its clients go to
 * the next node with the same Idempotency-Key), and the other two finish its jobs once their leases run out.
 */
const interchanges = 5000;
const senders = 16;
const seed = 0x5ca1_e0a7;
/** Bytes of this many items, drawn with the seed, are downloaded and compared; sizes are checked for all. */
const downloads = 300;

interface Demo {
  readonly accounts: readonly { readonly name: string; readonly apiKey: string }[];
}

describe("scale-out: three nodes on one PostgreSQL and S3, one killed", { timeout: 240_000 }, () => {
  let environment: PostgresS3Env;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    // A job whose worker was killed is taken over once its lease runs out; short, so that the test is too.
    environment = await openPostgresS3Env("scale", { OPENVAN_JOB_LEASE: "3s" });
    dir = environment.dir;
    env = environment.env;
  });

  afterAll(async () => {
    await environment?.close();
  });

  it(`routes ${interchanges} interchanges sent to all three with no loss and no duplicate`, async () => {
    const began = Date.now();
    const random = seededRandom(seed);
    // The first node creates the schema and seeds the demo companies; the others join it.
    const nodes: ServerProcess[] = [
      await spawnServer({ data: join(dir, "node-1"), port: 0, demo: true, env }),
    ];
    try {
      nodes.push(
        ...(await Promise.all(
          ["node-2", "node-3"].map((name) => spawnServer({ data: join(dir, name), port: 0, env })),
        )),
      );
      const demo = JSON.parse(await readFile(join(dir, "node-1", "demo.json"), "utf8")) as Demo;
      const sender = demo.accounts[0]?.apiKey ?? "";
      const receiver = demo.accounts[1]?.apiKey ?? "";
      const urls = nodes.map((node) => node.url);
      const victim = nodes[1] as ServerProcess;
      const survivor = urls[0] as string;

      let settled = 0;
      let sendingEnded = false;
      const controls = Array.from({ length: interchanges }, (_, i) => i + 1);
      const sendOptions = {
        concurrency: senders,
        apiKey: sender,
        // Round-robin over the nodes; an attempt that got no answer goes to the next one.
        baseUrl: (control: number, attempt: number) => urls[(control + attempt) % urls.length] as string,
        body: purchaseOrder,
        idempotencyKey: (control: number) => `scale-out-${control}`,
      };
      const sending = sendAll({
        ...sendOptions,
        controls,
        onSettled: (count) => {
          settled = count;
        },
        deadline: began + 180_000,
      }).finally(() => {
        sendingEnded = true;
      });
      const killAt = randomInt(random, Math.floor(interchanges * 0.3), Math.floor(interchanges * 0.6));
      while (settled < killAt && !sendingEnded) await sleep(2);
      await sleep(randomInt(random, 0, 30));
      const killedAfter = settled;
      await victim.kill();
      const sent = await sending;
      const sendSeconds = (Date.now() - began) / 1000;

      expect(killedAfter).toBeLessThan(interchanges);
      expect(Object.fromEntries(sent.refused)).toEqual({});
      expect(sent.accepted.size).toBe(interchanges);

      // The survivors route the rest, the dead node's jobs included once their leases have run out.
      const listed = await awaitMailbox(survivor, receiver, sent.accepted.size, 90_000);
      const controlOfMessage = new Map([...sent.accepted].map(([control, id]) => [id, control]));
      const seen = new Map<string, number>();
      const wrong: string[] = [];
      for (const item of listed) {
        seen.set(item.messageId, (seen.get(item.messageId) ?? 0) + 1);
        const control = controlOfMessage.get(item.messageId);
        if (control === undefined) wrong.push(`${item.id}: message ${item.messageId} was never acknowledged`);
        else if (item.size !== purchaseOrder(control).length) wrong.push(`${item.id}: size ${item.size}`);
      }
      expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
      expect(wrong).toEqual([]);
      expect([...seen.keys()].sort()).toEqual([...sent.accepted.values()].sort());

      const sample = Array.from({ length: downloads }, () => listed[randomInt(random, 0, listed.length - 1)]);
      await forEachConcurrently(sample, senders, async (item) => {
        if (item === undefined) return;
        const bytes = await downloadItem(urls[2] as string, receiver, item.id);
        const control = controlOfMessage.get(item.messageId) ?? 0;
        if (!bytes.equals(purchaseOrder(control)))
          wrong.push(`${item.id}: bytes differ from ${control} sent`);
      });
      expect(wrong).toEqual([]);

      // A client retrying now, on either survivor, gets the same ids and creates nothing.
      const alive = [urls[0], urls[2]] as string[];
      const again = await sendAll({
        ...sendOptions,
        baseUrl: (control) => alive[control % alive.length] as string,
        controls,
        deadline: Date.now() + 90_000,
      });
      expect(again.accepted).toEqual(sent.accepted);
      expect(again.replayed.size).toBe(interchanges);
      expect((await readWholeMailbox(survivor, receiver)).length).toBe(listed.length);

      // Nothing is left behind: no job waiting, running or dead, and every message kept is one acknowledged.
      expect(await nodes[0]?.stop()).toBe(0);
      expect(await nodes[2]?.stop()).toBe(0);
      const store = await openPostgresStore({
        url: testDatabaseUrl,
        schema: env.OPENVAN_DATABASE_SCHEMA as string,
      });
      const left = await leftoverWork(store, interchanges * 2).finally(() => store.close());
      expect(left.unfinished).toEqual([]);
      expect(left.messages.map((m) => m.id).sort()).toEqual([...sent.accepted.values()].sort());
      expect(left.messages.filter((m) => m.state !== "routed")).toEqual([]);
      console.info(
        `scale-out test: ${interchanges} interchanges over 3 nodes in ${sendSeconds.toFixed(1)} s, node 2 ` +
          `killed after ${killedAfter} settled; ${sent.retries} attempts retried, ${sent.replayed.size} answered ` +
          `from an earlier attempt, ${left.takenOver} route jobs taken over; total ${((Date.now() - began) / 1000).toFixed(1)} s`,
      );
    } finally {
      await Promise.all(nodes.map((node) => node.kill()));
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
