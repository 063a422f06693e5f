import { describe, expect, it } from "vitest";
import type { JobToEnqueue, MetadataStore } from "../../ports/index.js";
import { at, orderedId } from "./metadata-fixtures.js";

function aJob(kind: string, fields: Partial<JobToEnqueue> = {}): JobToEnqueue {
  return { id: orderedId("job_"), kind, payload: { n: 1 }, runAt: at(0), maxAttempts: 5, ...fields };
}

async function enqueueAll(store: MetadataStore, jobs: readonly JobToEnqueue[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const job of jobs) await tx.jobs.enqueue(job);
  });
}

/** Claiming several jobs at once, keeping their leases, and completing a job with the work it did. */
export function jobBatchesContract(store: () => MetadataStore): void {
  describe("job batches", () => {
    it("claims up to a limit of due jobs at once, oldest first, and none that is not due", async () => {
      const kind = orderedId("route-");
      const due = [at(4), at(1), at(3), at(2), at(5)].map((runAt) => aJob(kind, { runAt }));
      const later = aJob(kind, { runAt: at(500) });
      await enqueueAll(store(), [...due, later, aJob(orderedId("other-"))]);
      const first = await store().jobs.claimBatch([kind], "w1", at(10), at(70), 3);
      expect(first.map((job) => job.runAt)).toEqual([at(1), at(2), at(3)]);
      for (const job of first) {
        expect(job).toMatchObject({ kind, state: "running", attempts: 1, worker: "w1", leaseUntil: at(70) });
      }
      const rest = await store().jobs.claimBatch([kind], "w2", at(10), at(70), 10);
      expect(rest.map((job) => job.runAt)).toEqual([at(4), at(5)]);
      expect(await store().jobs.claimBatch([kind], "w3", at(10), at(70), 10)).toEqual([]);
      expect(await store().jobs.claimBatch([], "w3", at(1000), at(1060), 10)).toEqual([]);
      expect(await store().jobs.get(later.id)).toMatchObject({ state: "ready", attempts: 0 });
    });

    it("takes the jobs whose lease ran out before the due ones", async () => {
      const kind = orderedId("ack-");
      const abandoned = aJob(kind, { runAt: at(5) });
      const waiting = aJob(kind, { runAt: at(1) });
      await enqueueAll(store(), [abandoned]);
      await store().jobs.claimBatch([kind], "dead-worker", at(5), at(65), 1);
      await enqueueAll(store(), [waiting]);
      const [first, second] = [
        await store().jobs.claimBatch([kind], "w2", at(66), at(126), 1),
        await store().jobs.claimBatch([kind], "w2", at(66), at(126), 1),
      ];
      expect(first).toMatchObject([{ id: abandoned.id, attempts: 2, worker: "w2", leaseUntil: at(126) }]);
      expect(second).toMatchObject([{ id: waiting.id, attempts: 1 }]);
      expect(await store().jobs.complete(abandoned.id, "dead-worker", at(67))).toBe(false);
    });

    it("extends the leases the worker still holds, and no others", async () => {
      const kind = orderedId("big-file-");
      const [a, b, c] = [aJob(kind), aJob(kind), aJob(kind)];
      await enqueueAll(store(), [a, b, c]);
      await store().jobs.claimBatch([kind], "w1", at(1), at(61), 2);
      await store().jobs.claimBatch([kind], "w2", at(1), at(61), 1);
      expect(await store().jobs.complete(b.id, "w1", at(2))).toBe(true);
      expect(await store().jobs.extendLease([a.id, b.id, c.id], "w1", at(300))).toBe(1);
      expect(await store().jobs.extendLease([], "w1", at(300))).toBe(0);
      expect(await store().jobs.get(a.id)).toMatchObject({ state: "running", leaseUntil: at(300) });
      expect(await store().jobs.get(c.id)).toMatchObject({ worker: "w2", leaseUntil: at(61) });
      expect(await store().jobs.claimBatch([kind], "w3", at(100), at(160), 10)).toMatchObject([{ id: c.id }]);
    });

    it("completes a job only when the transaction that did its work commits", async () => {
      const kind = orderedId("work-");
      const [kept, undone] = [aJob(kind), aJob(kind)];
      await enqueueAll(store(), [kept, undone]);
      await store().jobs.claimBatch([kind], "w1", at(1), at(61), 2);
      await expect(
        store().transaction(async (tx) => {
          expect(await tx.jobs.complete(undone.id, "w1", at(2))).toBe(true);
          throw new Error("the work failed");
        }),
      ).rejects.toThrow("the work failed");
      expect(await store().jobs.get(undone.id)).toMatchObject({ state: "running", worker: "w1" });
      await store().transaction(async (tx) => {
        expect(await tx.jobs.complete(kept.id, "w1", at(2))).toBe(true);
      });
      expect(await store().jobs.get(kept.id)).toMatchObject({ state: "done" });
    });

    it("never hands one job to two of several concurrent batch claimers", async () => {
      const kind = orderedId("burst-");
      await enqueueAll(
        store(),
        Array.from({ length: 200 }, (_, i) => aJob(kind, { runAt: at(i % 7) })),
      );
      const claimer = async (worker: string): Promise<string[]> => {
        const taken: string[] = [];
        for (;;) {
          const jobs = await store().jobs.claimBatch([kind], worker, at(10), at(600), 7);
          if (jobs.length === 0) return taken;
          for (const job of jobs) {
            taken.push(job.id);
            expect(await store().jobs.complete(job.id, worker, at(11))).toBe(true);
          }
        }
      };
      const taken = (await Promise.all(["w1", "w2", "w3", "w4"].map(claimer))).flat();
      expect(taken).toHaveLength(200);
      expect(new Set(taken).size).toBe(200);
    });
  });
}
