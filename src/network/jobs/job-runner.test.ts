import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempNetwork, type TempNetwork } from "../../../test/support/temp-network.js";
import { backoffMs, JobRunner } from "./job-runner.js";

let net: TempNetwork;

beforeEach(async () => {
  net = await openTempNetwork({ maxJobAttempts: 3 });
});

afterEach(async () => {
  await net.close();
});

async function enqueue(kind: string, payload: Record<string, unknown> = {}): Promise<string> {
  const id = `job_${kind}_${Math.random().toString(36).slice(2)}`;
  await net.ctx.store.jobs.enqueue({
    id,
    kind,
    payload,
    runAt: net.clock.now().toISOString(),
    maxAttempts: 3,
  });
  return id;
}

describe("JobRunner", () => {
  it("runs a job once and marks it done", async () => {
    const seen: unknown[] = [];
    const id = await enqueue("work", { n: 1 });
    const runner = new JobRunner(net.ctx, { work: async (job) => void seen.push(job.payload) });
    expect(await runner.drain()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect((await net.ctx.store.jobs.get(id))?.state).toBe("done");
  });

  it("retries a failing job with backoff, then leaves it visible in the dead-letter state", async () => {
    const id = await enqueue("flaky");
    let calls = 0;
    const runner = new JobRunner(net.ctx, {
      flaky: async () => {
        calls++;
        throw new Error("partner server said 503");
      },
    });
    await runner.drain();
    expect(calls).toBe(1);
    expect(await net.ctx.store.jobs.get(id)).toMatchObject({
      state: "ready",
      attempts: 1,
      lastError: "partner server said 503",
    });
    expect(await runner.drain()).toBe(0); // not due before the backoff has passed
    net.clock.advance(backoffMs(1));
    await runner.drain();
    net.clock.advance(backoffMs(2));
    await runner.drain();
    expect(calls).toBe(3);
    expect(await net.ctx.store.jobs.get(id)).toMatchObject({ state: "dead", attempts: 3 });
    expect((await net.ctx.store.jobs.listByState("dead", 10)).map((j) => j.id)).toEqual([id]);
  });

  it("takes over the job of a worker that died once its lease has run out", async () => {
    const id = await enqueue("work");
    const lease = new Date(net.clock.now().getTime() + 60_000).toISOString();
    expect(
      await net.ctx.store.jobs.claim(["work"], "dead-worker", net.clock.now().toISOString(), lease),
    ).not.toBeNull();
    const runner = new JobRunner(net.ctx, { work: async () => {} });
    expect(await runner.drain()).toBe(0);
    net.clock.advance(60_001);
    expect(await runner.drain()).toBe(1);
    expect((await net.ctx.store.jobs.get(id))?.state).toBe("done");
  });

  it("works through the queue in the background once started, and stops cleanly", async () => {
    const done: number[] = [];
    const runner = new JobRunner(
      net.ctx,
      { work: async (job) => void done.push(Number(job.payload.n)) },
      {
        concurrency: 2,
        leaseMs: 10_000,
        idleMs: 5,
      },
    );
    runner.start();
    for (let n = 0; n < 20; n++) await enqueue("work", { n });
    runner.poke();
    for (let i = 0; i < 200 && done.length < 20; i++) await new Promise((r) => setTimeout(r, 10));
    await runner.stop();
    expect(done.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });
});
