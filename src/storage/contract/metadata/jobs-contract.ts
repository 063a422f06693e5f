import { describe, expect, it } from "vitest";
import type { JobToEnqueue, MetadataStore } from "../../ports/index.js";
import { at, orderedId } from "./metadata-fixtures.js";

function aJob(kind: string, fields: Partial<JobToEnqueue> = {}): JobToEnqueue {
  return {
    id: orderedId("job_"),
    kind,
    payload: { messageId: "msg_1", n: 1 },
    runAt: at(0),
    maxAttempts: 5,
    ...fields,
  };
}

export function jobsContract(store: () => MetadataStore): void {
  describe("jobs", () => {
    it("enqueues a ready job and claims the oldest due one of the kinds asked for", async () => {
      const kind = orderedId("route-");
      const later = aJob(kind, { runAt: at(20) });
      const sooner = aJob(kind, { runAt: at(10), payload: { deep: { list: [1, "two"] } } });
      const elsewhere = aJob(orderedId("other-"), { runAt: at(0) });
      for (const job of [later, sooner, elsewhere]) await store().jobs.enqueue(job);
      expect(await store().jobs.get(sooner.id)).toMatchObject({
        ...sooner,
        state: "ready",
        attempts: 0,
        leaseUntil: null,
        worker: null,
        lastError: null,
      });
      expect(await store().jobs.claim([kind], "w1", at(5), at(65))).toBeNull();
      expect(await store().jobs.claim([], "w1", at(100), at(160))).toBeNull();
      const claimed = await store().jobs.claim([kind, orderedId("unused-")], "w1", at(30), at(90));
      expect(claimed).toMatchObject({
        ...sooner,
        state: "running",
        attempts: 1,
        worker: "w1",
        leaseUntil: at(90),
      });
      expect(await store().jobs.claim([kind], "w2", at(30), at(90))).toMatchObject({
        id: later.id,
        worker: "w2",
      });
      expect(await store().jobs.claim([kind], "w3", at(30), at(90))).toBeNull();
    });

    it("lets only the worker holding a job complete, retry or bury it", async () => {
      const kind = orderedId("deliver-");
      const job = aJob(kind);
      await store().jobs.enqueue(job);
      await store().jobs.claim([kind], "w1", at(1), at(61));
      expect(await store().jobs.complete(job.id, "w2", at(2))).toBe(false);
      expect(await store().jobs.retry(job.id, "w2", at(3), "no")).toBe(false);
      expect(await store().jobs.bury(job.id, "w2", "no", at(2))).toBe(false);
      expect(await store().jobs.complete(job.id, "w1", at(2))).toBe(true);
      expect(await store().jobs.complete(job.id, "w1", at(2))).toBe(false);
      expect(await store().jobs.retry(job.id, "w1", at(3), "late")).toBe(false);
      expect(await store().jobs.get(job.id)).toMatchObject({ state: "done", leaseUntil: null, attempts: 1 });
      expect(await store().jobs.claim([kind], "w1", at(100), at(160))).toBeNull();
    });

    it("claims a job again once its lease ran out, and the old worker can no longer finish it", async () => {
      const kind = orderedId("ack-");
      const job = aJob(kind);
      await store().jobs.enqueue(job);
      await store().jobs.claim([kind], "dead-worker", at(1), at(61));
      expect(await store().jobs.claim([kind], "w2", at(60), at(120))).toBeNull();
      expect(await store().jobs.claim([kind], "w2", at(61), at(121))).toBeNull();
      const again = await store().jobs.claim([kind], "w2", at(62), at(122));
      expect(again).toMatchObject({
        id: job.id,
        attempts: 2,
        worker: "w2",
        leaseUntil: at(122),
        state: "running",
      });
      expect(await store().jobs.complete(job.id, "dead-worker", at(63))).toBe(false);
      expect(await store().jobs.complete(job.id, "w2", at(63))).toBe(true);
    });

    it("retries a job at a later time, and buries it when it keeps failing", async () => {
      const kind = orderedId("webhook-");
      const job = aJob(kind, { maxAttempts: 2 });
      await store().jobs.enqueue(job);
      await store().jobs.claim([kind], "w1", at(1), at(61));
      expect(await store().jobs.retry(job.id, "w1", at(100), "timeout")).toBe(true);
      expect(await store().jobs.get(job.id)).toMatchObject({
        state: "ready",
        runAt: at(100),
        lastError: "timeout",
        worker: null,
        leaseUntil: null,
        attempts: 1,
      });
      expect(await store().jobs.claim([kind], "w1", at(99), at(159))).toBeNull();
      expect(await store().jobs.claim([kind], "w1", at(100), at(160))).toMatchObject({
        id: job.id,
        attempts: 2,
      });
      expect(await store().jobs.bury(job.id, "w1", "gave up", at(101))).toBe(true);
      const dead = await store().jobs.get(job.id);
      expect(dead).toMatchObject({
        state: "dead",
        lastError: "gave up",
        attempts: 2,
        maxAttempts: 2,
        leaseUntil: null,
      });
      expect(await store().jobs.listByState("dead", 1000)).toContainEqual(dead);
      expect(await store().jobs.claim([kind], "w1", at(1000), at(1060))).toBeNull();
    });

    it("lists jobs by state, oldest run time first, up to a limit", async () => {
      const kind = orderedId("list-");
      const jobs = [
        aJob(kind, { runAt: "1992-01-01T00:00:02.000Z" }),
        aJob(kind, { runAt: "1992-01-01T00:00:01.000Z" }),
      ];
      for (const job of jobs) await store().jobs.enqueue(job);
      const ready = await store().jobs.listByState("ready", 2);
      expect(ready.map((job) => job.id)).toEqual([jobs[1]?.id, jobs[0]?.id]);
      expect(await store().jobs.listByState("ready", 1)).toHaveLength(1);
    });

    it("passes over a job that another open transaction holds, where rows can be skipped", async (context) => {
      if (!store().capabilities.skipLocked) context.skip();
      const kind = orderedId("locked-");
      const [held, free] = [aJob(kind, { runAt: at(1) }), aJob(kind, { runAt: at(2) })];
      await store().jobs.enqueue(held);
      await store().jobs.enqueue(free);
      await store().transaction(async (tx) => {
        expect(await tx.jobs.claim([kind], "w1", at(10), at(70))).toMatchObject({ id: held.id });
        expect(await store().jobs.claim([kind], "w2", at(10), at(70))).toMatchObject({ id: free.id });
        expect(await store().jobs.claim([kind], "w3", at(10), at(70))).toBeNull();
      });
    });

    it("never hands one job to two of several concurrent claimers", async () => {
      const kind = orderedId("burst-");
      await store().transaction(async (tx) => {
        for (let i = 0; i < 200; i++) await tx.jobs.enqueue(aJob(kind, { runAt: at(i % 7) }));
      });
      const claimer = async (worker: string): Promise<string[]> => {
        const taken: string[] = [];
        for (;;) {
          const job = await store().jobs.claim([kind], worker, at(10), at(600));
          if (job === null) return taken;
          taken.push(job.id);
          expect(await store().jobs.complete(job.id, worker, at(11))).toBe(true);
        }
      };
      const taken = (await Promise.all(["w1", "w2", "w3", "w4"].map(claimer))).flat();
      expect(taken).toHaveLength(200);
      expect(new Set(taken).size).toBe(200);
    });
  });

  describe("control numbers", () => {
    it("counts from 1 in each scope", async () => {
      const scope = orderedId("isa:ZZ:US:");
      const other = orderedId("isa:ZZ:THEM:");
      expect(await store().controlNumbers.next(scope)).toBe(1);
      expect(await store().controlNumbers.next(scope)).toBe(2);
      expect(await store().controlNumbers.next(other)).toBe(1);
      expect(await store().controlNumbers.next(scope)).toBe(3);
    });

    it("hands out each number once under concurrent calls", async () => {
      const scope = orderedId("gs:");
      const numbers = await Promise.all(
        Array.from({ length: 100 }, () => store().controlNumbers.next(scope)),
      );
      expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    });
  });
}
