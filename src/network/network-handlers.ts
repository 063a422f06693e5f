import { ackJobHandler } from "./acks/generate-acknowledgments.js";
import { reconcileJobHandler } from "./acks/reconcile-acknowledgments.js";
import type { JobHandler } from "./jobs/job-handler.js";
import type { NetworkContext } from "./network-context.js";
import { routeJobHandler } from "./routing/route-job-handler.js";

/** The job handlers of the network core, by job kind. */
export function networkJobHandlers(ctx: NetworkContext): Record<string, JobHandler> {
  return {
    route: routeJobHandler(ctx),
    ack: ackJobHandler(ctx),
    reconcile: reconcileJobHandler(ctx),
  };
}
