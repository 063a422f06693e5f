import type { JobHandler } from "./jobs/job-runner.js";
import type { NetworkContext } from "./network-context.js";
import { routeMessage } from "./routing/route-message.js";

/** The job handlers of the network core, by job kind. */
export function networkJobHandlers(ctx: NetworkContext): Record<string, JobHandler> {
  return {
    route: (job) => routeMessage(ctx, String(job.payload.messageId)),
  };
}
