import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempNetwork, type TempNetwork } from "../../../test/support/temp-network.js";
import type { JobRecord, MetadataStore } from "../../storage/ports/index.js";
import { createNetworkContext, type NetworkContext } from "../network-context.js";
import type { StagedJobHandler } from "./job-handler.js";
import { JobRunner } from "./job-runner.js";

let net: TempNetwork;
let ctx: NetworkContext;
let transactions: number;

beforeEach(async () => {
  net = await openTempNetwork({ maxJobAttempts: 3 });
  transactions = 0;
  const store: MetadataStore = {
    ...net.ctx.store,
    transaction: (work) => {
      transactions++;
      return net.ctx.store.transaction(work);
    },
  };
  ctx = createNetworkContext({ ...net.ctx, store });
});

afterEach(async () => {
  await net.close();
});

async function enqueue(kind: string, n: number): Promise<string> {
  const id = `job_${kind}_${n}_${Math.random().toString(36).slice(2)}`;
  await net.ctx.store.jobs.enqueue({
    id,
    kind,
    payload: { n },
    runAt: net.clock.now().toISOString(),
    maxAttempts: 3,
  });
  return id;
}

/** A staged handler that writes an account per job, named after the job's `n`. */
function accountsHandler(
  options: { failOn?: number; prepare?: (job: JobRecord) => Promise<void> } = {},
): StagedJobHandler<number, string> & { committedFor: number[] } {
  const committedFor: number[] = [];
  return {
    committedFor,
    async prepare(job) {
      await options.prepare?.(job);
      return Number(job.payload.n);
    },
    async apply(tx, n) {
      if (n === options.failOn) throw new Error(`job ${n} cannot be applied`);
      await tx.accounts.insert({
        id: `acc_${n}`,
        name: `company ${n}`,
        createdAt: "2026-03-01T09:00:00.000Z",
      });
      return `acc_${n}`;
    },
    committed(_id, job) {
      committedFor.push(Number(job.payload.n));
    },
  };
}

describe("JobRunner with staged handlers", () => {
  it("commits the work of the jobs of one claim together, completing each in that transaction", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, n) => enqueue("write", n)));
    const handler = accountsHandler();
    expect(await new JobRunner(ctx, { write: handler }).drain()).toBe(10);
    for (const id of ids) expect((await net.ctx.store.jobs.get(id))?.state).toBe("done");
    expect((await net.ctx.store.accounts.list()).length).toBe(10);
    expect(handler.committedFor.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    // One claim and one write (both shared with whatever else commits then), and the claim that found none.
    expect(transactions).toBe(3);
  });

  it("retries only the job whose work fails; the others of its batch are done", async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, (_, n) => enqueue("write", n)));
    await new JobRunner(ctx, { write: accountsHandler({ failOn: 2 }) }).drain();
    const states = await Promise.all(ids.map(async (id) => (await net.ctx.store.jobs.get(id))?.state));
    expect(states).toEqual(["done", "done", "ready", "done"]);
    expect(await net.ctx.store.jobs.get(ids[2] as string)).toMatchObject({
      attempts: 1,
      lastError: "job 2 cannot be applied",
    });
    expect(await net.ctx.store.accounts.get("acc_2")).toBeNull();
  });

  it("leaves the work of a job whose lease another worker took over to that worker", async () => {
    const id = await enqueue("write", 7);
    const handler = accountsHandler({
      prepare: async () => {
        // Meanwhile the lease ran out and another worker claimed the job.
        net.clock.advance(120_000);
        const now = net.clock.now();
        await net.ctx.store.jobs.claim(
          ["write"],
          "other-worker",
          now.toISOString(),
          new Date(now.getTime() + 60_000).toISOString(),
        );
      },
    });
    await new JobRunner(ctx, { write: handler }, { concurrency: 1, leaseMs: 60_000, idleMs: 10 }).drain();
    expect(await net.ctx.store.jobs.get(id)).toMatchObject({ state: "running", worker: "other-worker" });
    expect(await net.ctx.store.accounts.get("acc_7")).toBeNull();
    expect(handler.committedFor).toEqual([]);
  });

  it("renews the lease of a job that runs longer than its lease, so that nobody takes it over", async () => {
    const id = await enqueue("write", 1);
    const leaseMs = 300;
    let takenOver: JobRecord | null = null;
    const handler = accountsHandler({
      prepare: async () => {
        // A long job: more than a lease passes by the clock, while the runner renews it every leaseMs / 3.
        for (let i = 0; i < 4; i++) {
          net.clock.advance(leaseMs / 2);
          await sleep(leaseMs / 2);
        }
        const now = net.clock.now();
        takenOver = await net.ctx.store.jobs.claim(
          ["write"],
          "other-worker",
          now.toISOString(),
          new Date(now.getTime() + leaseMs).toISOString(),
        );
      },
    });
    await new JobRunner(ctx, { write: handler }, { concurrency: 1, leaseMs, idleMs: 10 }).drain();
    expect(takenOver).toBeNull();
    expect(await net.ctx.store.jobs.get(id)).toMatchObject({ state: "done", attempts: 1 });
  });

  it("runs simple and staged jobs side by side", async () => {
    const simple: number[] = [];
    await enqueue("write", 1);
    await enqueue("note", 2);
    const runner = new JobRunner(ctx, {
      write: accountsHandler(),
      note: async (job) => void simple.push(Number(job.payload.n)),
    });
    expect(await runner.drain()).toBe(2);
    expect(simple).toEqual([2]);
    expect(await net.ctx.store.accounts.get("acc_1")).not.toBeNull();
  });
});
