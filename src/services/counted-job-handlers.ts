import type { OpenVanMetrics } from "../channels/http/index.js";
import { type JobHandler, type NetworkContext, networkJobHandlers } from "../network/index.js";

/** The network's job handlers, with routed interchanges counted for /metrics. */
export function countedJobHandlers(ctx: NetworkContext, metrics: OpenVanMetrics): Record<string, JobHandler> {
  return networkJobHandlers(ctx, {
    routed: (states) => {
      for (const state of states) metrics.interchangesRouted.inc({ state });
    },
  });
}
