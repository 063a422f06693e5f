import { newId } from "../../kernel/index.js";
import type { MetadataRepositories } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";

/** The kinds of work the network queues; each has a handler in the job runner. */
export type JobKind =
  | "route"
  | "retention"
  | "push"
  | "notify"
  | "webhook"
  | "notify_email"
  | "ack"
  | "reconcile"
  | "as2_mdn";

/** Queues a job in the caller's transaction, due now unless `delayMs` says later. */
export function enqueueJob(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  kind: JobKind,
  payload: Record<string, unknown>,
  delayMs = 0,
): Promise<void> {
  const now = ctx.clock.now().getTime();
  return tx.jobs.enqueue({
    id: newId("job_", now),
    kind,
    payload,
    runAt: new Date(now + delayMs).toISOString(),
    maxAttempts: ctx.settings.maxJobAttempts,
  });
}
