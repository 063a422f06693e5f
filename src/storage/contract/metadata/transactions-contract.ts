import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { MetadataStore } from "../../ports/index.js";
import { aMessage, at, insertAccount, orderedId } from "./metadata-fixtures.js";

export function transactionsContract(store: () => MetadataStore): void {
  describe("transactions", () => {
    it("commits all the work when it resolves, and returns its result", async () => {
      const scope = orderedId("tx:");
      const jobId = orderedId("job_");
      const result = await store().transaction(async (tx) => {
        const account = await insertAccount(tx);
        const message = aMessage(account.id);
        await tx.messages.insert(message);
        await tx.jobs.enqueue({
          id: jobId,
          kind: "route",
          payload: { messageId: message.id },
          runAt: at(0),
          maxAttempts: 3,
        });
        expect(await tx.messages.get(message.id)).toEqual(message);
        return { message, number: await tx.controlNumbers.next(scope) };
      });
      expect(result.number).toBe(1);
      expect(await store().messages.get(result.message.id)).toEqual(result.message);
      expect(await store().jobs.get(jobId)).toMatchObject({
        state: "ready",
        payload: { messageId: result.message.id },
      });
    });

    it("leaves nothing behind when the work throws, and rethrows its error", async () => {
      const scope = orderedId("tx:");
      const name = orderedId("acct-");
      const jobId = orderedId("job_");
      const failure = new Error("route failed");
      const outcome = store()
        .transaction(async (tx) => {
          const account = await insertAccount(tx, name);
          await tx.messages.insert(aMessage(account.id));
          await tx.jobs.enqueue({ id: jobId, kind: "route", payload: {}, runAt: at(0), maxAttempts: 3 });
          await tx.controlNumbers.next(scope);
          throw failure;
        })
        .catch((error: unknown) => error);
      expect(await outcome).toBe(failure);
      expect(await store().accounts.findByName(name)).toBeNull();
      expect(await store().jobs.get(jobId)).toBeNull();
      expect(await store().controlNumbers.next(scope)).toBe(1);
    });

    it("keeps concurrent transactions apart: each commits or rolls back only its own work", async () => {
      const names = Array.from({ length: 16 }, () => orderedId("acct-"));
      const outcomes = await Promise.allSettled(
        names.map((name, i) =>
          store().transaction(async (tx) => {
            const account = await insertAccount(tx, name);
            await sleep(i % 3);
            await tx.messages.insert(aMessage(account.id, { idempotencyKey: name }));
            await sleep(1);
            if (i % 2 === 1) throw new Error(`transaction ${i} fails`);
            return account.id;
          }),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(
        names.map((_, i) => (i % 2 === 1 ? "rejected" : "fulfilled")),
      );
      for (const [i, name] of names.entries()) {
        const account = await store().accounts.findByName(name);
        if (i % 2 === 1) {
          expect(account).toBeNull();
        } else {
          expect(account).not.toBeNull();
          expect(await store().messages.findByIdempotencyKey(account!.id, name)).not.toBeNull();
        }
      }
    });
  });
}
