import type { InterchangeState } from "../../storage/ports/index.js";
import type { StagedJobHandler } from "../jobs/job-handler.js";
import type { NetworkContext } from "../network-context.js";
import { routeJobFrom } from "./route-job-payload.js";
import { applyRoute, type RouteInput, readRouteInput } from "./route-message.js";

/**
 * The route job as a staged handler: the units of many messages are read at once, and their routing commits
 * together with the completion of their jobs. `ctx.routed` is told the interchanges' states of each message
 * once its routing has committed.
 */
export function routeJobHandler(
  ctx: NetworkContext,
): StagedJobHandler<RouteInput | null, readonly InterchangeState[]> {
  return {
    prepare: (job) => {
      const { messageId, units } = routeJobFrom(job.payload);
      return readRouteInput(ctx, messageId, units);
    },
    apply: async (tx, input) => (input === null ? [] : applyRoute(ctx, tx, input)),
    committed: (states) => {
      if (states.length > 0) ctx.routed?.(states);
    },
  };
}
