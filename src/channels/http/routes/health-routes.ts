import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";

/** `GET /healthz` for load balancers and `GET /metrics` for Prometheus; neither needs a key. */
export function healthRoutes(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      "/healthz",
      {
        schema: {
          summary: "Whether this node can reach its database",
          tags: ["operations"],
          security: [],
          response: {
            200: {
              type: "object",
              required: ["status"],
              properties: { status: { type: "string", enum: ["ok"] } },
            },
            ...errorResponses(503),
          },
        },
      },
      async () => {
        try {
          await deps.ctx.store.accounts.get("");
        } catch (error) {
          throw new OpenVanError("STORAGE_UNAVAILABLE", "the database did not answer", {}, { cause: error });
        }
        return { status: "ok" as const };
      },
    );

    app.get(
      "/metrics",
      {
        schema: {
          summary: "Prometheus metrics of this node",
          tags: ["operations"],
          security: [],
          produces: ["text/plain"],
          response: { 200: { description: "Prometheus text format.", type: "string" } },
        },
      },
      async (_request, reply) => {
        const text = await deps.metrics.registry.metrics();
        return reply.type(deps.metrics.registry.contentType).send(text);
      },
    );
  };
}
