import type { JobRecord, MessageRecord, MetadataStore } from "../../src/storage/ports/index.js";

/** What a network's database holds once its nodes have stopped, read through the storage ports. */
export interface LeftoverWork {
  /** Jobs still waiting, running (a lease nobody took over) or dead. */
  readonly unfinished: readonly JobRecord[];
  /** Every message kept. */
  readonly messages: readonly MessageRecord[];
  /** Finished jobs that took more than one attempt: a worker was killed holding them, another finished them. */
  readonly takenOver: number;
}

export async function leftoverWork(store: MetadataStore, limit: number): Promise<LeftoverWork> {
  const unfinished: JobRecord[] = [];
  for (const state of ["ready", "running", "dead"] as const)
    unfinished.push(...(await store.jobs.listByState(state, limit)));
  const done = await store.jobs.listByState("done", limit);
  return {
    unfinished,
    messages: await store.messages.listReceivedBefore("9999-12-31", limit),
    takenOver: done.filter((job) => job.attempts > 1).length,
  };
}
