import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/storage/sqlite/open-sqlite-store.js";
import { freePort } from "../support/local-process.js";
import { leftoverWork } from "./leftover-work.js";
import { controlOf, purchaseOrder } from "./purchase-order.js";
import { awaitMailbox, downloadItem, forEachConcurrently, readWholeMailbox } from "./read-mailbox.js";
import { randomInt, seededRandom } from "./seeded-random.js";
import { sendAll } from "./send-all.js";
import { type ServerProcess, spawnServer } from "./spawn-server.js";

/**
 * The crash test of the network core: clients keep sending while the server is killed with SIGKILL at random
 * moments and started again on the same data folder and port. Whatever got a 202 must be in the receiver's
 * mailbox exactly once, byte for byte, and nothing else may be. The moments come from a seeded PRNG: each
 * run kills after the same numbers of settled interchanges, plus the same short random waits.
 */
const interchanges = 2000;
const rounds = 10;
const senders = 16;
const seed = 0x5eed_0a11;
/** A job whose worker was killed is taken over once its lease runs out; short, so that the test is too. */
const env = { OPENVAN_JOB_LEASE: "2s" };

interface Demo {
  readonly accounts: readonly { readonly name: string; readonly apiKey: string }[];
}

describe("crash: kill -9 the server while clients send", { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-crash-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`${interchanges} interchanges, ${rounds} kills: every 202 is in the mailbox exactly once, nothing else is`, async () => {
    const began = Date.now();
    const random = seededRandom(seed);
    const data = join(dir, "data");
    const port = await freePort();
    let server: ServerProcess = await spawnServer({ data, port, demo: true, env });
    try {
      const demo = JSON.parse(await readFile(join(data, "demo.json"), "utf8")) as Demo;
      const sender = demo.accounts[0]?.apiKey ?? "";
      const receiver = demo.accounts[1]?.apiKey ?? "";
      const url = server.url;
      const controls = Array.from({ length: interchanges }, (_, i) => i + 1);
      const sendOptions = {
        concurrency: senders,
        apiKey: sender,
        baseUrl: () => url,
        body: purchaseOrder,
        idempotencyKey: (control: number) => `crash-${control}`,
      };

      let settled = 0;
      let sendingEnded = false;
      const sending = sendAll({
        ...sendOptions,
        controls,
        onSettled: (count) => {
          settled = count;
        },
        deadline: began + 120_000,
      }).finally(() => {
        sendingEnded = true;
      });
      // Each round lets 20 to 166 more interchanges settle, then kills: all ten rounds fall inside the run
      // whatever the draws. `killedAt` keeps the settled counts at the kills, for the report.
      const killedAt: number[] = [];
      for (let round = 0; round < rounds && !sendingEnded; round++) {
        const target = settled + randomInt(random, 20, Math.floor(interchanges / (rounds + 2)));
        while (settled < target && !sendingEnded) await sleep(2);
        await sleep(randomInt(random, 0, 30));
        killedAt.push(settled);
        await server.kill();
        await sleep(randomInt(random, 0, 200));
        server = await spawnServer({ data, port, env });
      }
      const sent = await sending;
      const sendSeconds = (Date.now() - began) / 1000;

      expect(killedAt).toHaveLength(rounds);
      expect(Object.fromEntries(sent.refused)).toEqual({});
      expect(sent.accepted.size).toBe(interchanges);

      // Jobs a killed worker held are taken again once their leases run out; then everything is routed.
      const listed = await awaitMailbox(url, receiver, sent.accepted.size, 60_000);
      const delivered = new Map<number, number>();
      const wrong: string[] = [];
      await forEachConcurrently(listed, senders, async (item) => {
        const bytes = await downloadItem(url, receiver, item.id);
        const control = controlOf(bytes);
        delivered.set(control, (delivered.get(control) ?? 0) + 1);
        if (!bytes.equals(purchaseOrder(control)))
          wrong.push(`${item.id}: bytes differ from ${control} sent`);
        if (sent.accepted.get(control) !== item.messageId) {
          wrong.push(
            `${item.id}: message ${item.messageId}, but ${control} got ${sent.accepted.get(control)}`,
          );
        }
      });
      const twice = [...delivered].filter(([, count]) => count > 1).map(([control]) => control);
      expect(twice).toEqual([]);
      expect(wrong).toEqual([]);
      expect(sortedNumbers(delivered.keys())).toEqual(sortedNumbers(sent.accepted.keys()));

      // A client that retries now, with the same keys, gets the same ids and creates nothing.
      const again = await sendAll({ ...sendOptions, controls, deadline: Date.now() + 60_000 });
      expect(again.accepted).toEqual(sent.accepted);
      expect(again.replayed.size).toBe(interchanges);
      expect((await readWholeMailbox(url, receiver)).length).toBe(listed.length);

      // Nothing is left behind: no job waiting, running or dead, and every message kept is one acknowledged.
      expect(await server.stop()).toBe(0);
      const store = await openSqliteStore({ path: join(data, "openvan.db") });
      const left = await leftoverWork(store, interchanges * 2).finally(() => store.close());
      expect(left.unfinished).toEqual([]);
      expect(left.messages.map((m) => m.id).sort()).toEqual([...sent.accepted.values()].sort());
      expect(left.messages.filter((m) => m.state !== "routed")).toEqual([]);
      console.info(
        `crash test: ${interchanges} interchanges in ${sendSeconds.toFixed(1)} s with ${rounds} kills ` +
          `(after ${killedAt.join(", ")} settled); ${sent.retries} attempts retried, ` +
          `${sent.replayed.size} answered from an earlier attempt, ${left.takenOver} route jobs taken over; total ${((Date.now() - began) / 1000).toFixed(1)} s`,
      );
    } finally {
      await server.kill();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sortedNumbers(values: Iterable<number>): number[] {
  return [...values].sort((a, b) => a - b);
}
