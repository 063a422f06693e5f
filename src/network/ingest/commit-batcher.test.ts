import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempNetwork, type TempNetwork } from "../../../test/support/temp-network.js";
import type { AccountRecord, MetadataRepositories, MetadataStore } from "../../storage/ports/index.js";
import { CommitBatcher } from "./commit-batcher.js";

let net: TempNetwork;

beforeEach(async () => {
  net = await openTempNetwork();
});

afterEach(async () => {
  await net.close();
});

/** The store, counting the transactions it runs. */
function counting(store: MetadataStore): { store: MetadataStore; transactions: () => number } {
  let count = 0;
  return {
    store: {
      ...store,
      transaction: (work) => {
        count++;
        return store.transaction(work);
      },
    },
    transactions: () => count,
  };
}

const account = (name: string): AccountRecord => ({
  id: `acc_${name}`,
  name,
  createdAt: "2026-03-01T09:00:00.000Z",
});

const insert =
  (record: AccountRecord) =>
  async (tx: MetadataRepositories): Promise<string> => {
    await tx.accounts.insert(record);
    return record.id;
  };

describe("CommitBatcher", () => {
  it("commits the works asked for at the same time in one transaction, each caller getting its own result", async () => {
    const { store, transactions } = counting(net.ctx.store);
    const batcher = new CommitBatcher(store);
    const names = Array.from({ length: 20 }, (_, i) => `company-${i}`);
    const ids = await Promise.all(names.map((name) => batcher.run(insert(account(name)))));
    expect(ids).toEqual(names.map((name) => `acc_${name}`));
    expect(transactions()).toBe(1);
    expect((await net.ctx.store.accounts.list()).map((a) => a.name).sort()).toEqual([...names].sort());
  });

  it("answers a caller only once its work is committed", async () => {
    const batcher = new CommitBatcher(net.ctx.store);
    const id = await batcher.run(insert(account("durable")));
    expect(await net.ctx.store.accounts.get(id)).toMatchObject({ name: "durable" });
  });

  it("fails only the member whose write fails, and commits the others", async () => {
    const { store, transactions } = counting(net.ctx.store);
    const batcher = new CommitBatcher(store);
    await net.ctx.store.accounts.insert(account("taken"));
    const outcomes = await Promise.allSettled([
      batcher.run(insert(account("first"))),
      // Same name as an existing account: a unique-constraint violation.
      batcher.run(insert({ ...account("taken"), id: "acc_other" })),
      batcher.run(async () => {
        throw new Error("the work itself gave up");
      }),
      batcher.run(insert(account("last"))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(outcomes[2]).toMatchObject({ reason: new Error("the work itself gave up") });
    // The shared transaction, then each of the four alone.
    expect(transactions()).toBe(5);
    const names = (await net.ctx.store.accounts.list()).map((a) => a.name).sort();
    expect(names).toEqual(["first", "last", "taken"]);
    expect(await net.ctx.store.accounts.get("acc_other")).toBeNull();
  });

  it("runs a caller's fallback in place of its work once a transaction with that work failed", async () => {
    const { store, transactions } = counting(net.ctx.store);
    const batcher = new CommitBatcher(store);
    const failing = async (): Promise<string> => {
      throw new Error("the full work failed");
    };
    const outcomes = await Promise.allSettled([
      batcher.run(insert(account("shared")), insert(account("shared-fallback"))),
      batcher.run(failing, insert(account("rescued"))),
    ]);
    expect(outcomes).toEqual([
      { status: "fulfilled", value: "acc_shared-fallback" },
      { status: "fulfilled", value: "acc_rescued" },
    ]);
    // Alone, a failed work is followed by its fallback too.
    expect(await batcher.run(failing, insert(account("alone")))).toBe("acc_alone");
    expect(transactions()).toBe(5);
    const names = (await net.ctx.store.accounts.list()).map((a) => a.name).sort();
    expect(names).toEqual(["alone", "rescued", "shared-fallback"]);
  });

  it("takes what is asked for while a batch commits into the next batch", async () => {
    const { store, transactions } = counting(net.ctx.store);
    const batcher = new CommitBatcher(store);
    const first = batcher.run(insert(account("a")));
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch has started; these two wait for it and then commit together.
    const later = [batcher.run(insert(account("b"))), batcher.run(insert(account("c")))];
    await Promise.all([first, ...later]);
    expect(transactions()).toBe(2);
  });

  it("runs the next batch while the last one's commit is still being flushed", async () => {
    const events: string[] = [];
    // A store whose commits take a while to become durable after the works ran, like a flush to disk.
    const slowFlush: Pick<MetadataStore, "transaction"> = {
      transaction: async (work) => {
        const result = await net.ctx.store.transaction(work);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return result;
      },
    };
    const batcher = new CommitBatcher(slowFlush);
    const first = batcher.run(async (tx) => {
      events.push("first ran");
      return insert(account("a"))(tx);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = batcher.run(async (tx) => {
      events.push("second ran");
      return insert(account("b"))(tx);
    });
    await first.then(() => events.push("first durable"));
    await second;
    expect(events).toEqual(["first ran", "second ran", "first durable"]);
  });

  it("runs batches of at most maxBatch works", async () => {
    const { store, transactions } = counting(net.ctx.store);
    const batcher = new CommitBatcher(store, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.run(insert(account(`n${i}`)))));
    expect(transactions()).toBe(3);
  });
});
