import type { OpenVanMetrics } from "../channels/http/index.js";
import { type JobHandler, type NetworkContext, networkJobHandlers } from "../network/index.js";

/** The network's job handlers, with routed interchanges counted for /metrics. */
export function countedJobHandlers(ctx: NetworkContext, metrics: OpenVanMetrics): Record<string, JobHandler> {
  const handlers = networkJobHandlers(ctx);
  const route = handlers.route;
  if (route === undefined) return handlers;
  return {
    ...handlers,
    route: async (job) => {
      await route(job);
      for (const interchange of await ctx.store.interchanges.listByMessage(String(job.payload.messageId))) {
        metrics.interchangesRouted.inc({ state: interchange.state });
      }
    },
  };
}
