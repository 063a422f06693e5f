import type { InterchangeState } from "../storage/ports/index.js";
import { ackJobHandler } from "./acks/generate-acknowledgments.js";
import { reconcileJobHandler } from "./acks/reconcile-acknowledgments.js";
import type { JobHandler } from "./jobs/job-handler.js";
import type { NetworkContext } from "./network-context.js";
import { routeJobHandler } from "./routing/route-job-handler.js";

/** Who wants to hear what the network's jobs did, e.g. to count it. */
export interface NetworkJobHooks {
  /** The states of a message's interchanges, once its routing has committed. */
  readonly routed?: (states: readonly InterchangeState[]) => void;
}

/** The job handlers of the network core, by job kind. */
export function networkJobHandlers(
  ctx: NetworkContext,
  hooks: NetworkJobHooks = {},
): Record<string, JobHandler> {
  return {
    route: routeJobHandler(ctx, hooks.routed),
    ack: ackJobHandler(ctx),
    reconcile: reconcileJobHandler(ctx),
  };
}
