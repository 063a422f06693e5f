import type { FastifyPluginAsync } from "fastify";
import type { ControlFindingKind } from "../../../storage/ports/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { controlFindingSchema, controlFindingView } from "../views/control-finding-view.js";
import { errorResponses } from "../views/error-schema.js";
import { nextPagePath, pageSchema } from "../views/page-schema.js";

interface FindingQuery {
  sender?: string;
  kind?: ControlFindingKind;
  limit: number;
  after?: string;
}

/**
 * `GET /control-numbers/findings`: gaps, duplicates and late numbers in the interchange control numbers of
 * what the account sent or received (all of them for the admin scope), newest first.
 */
export function controlFindingRoutes(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: FindingQuery }>(
      "/control-numbers/findings",
      {
        schema: {
          summary: "Gaps and duplicates in senders' interchange control numbers",
          description:
            "Each sender's ISA13 / UNB 0020 numbers are followed per receiver as its interchanges are routed.",
          tags: ["tracking"],
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              sender: {
                type: "string",
                minLength: 1,
                maxLength: 40,
                description: "Sender identity, QUAL:ID.",
              },
              kind: { type: "string", enum: ["gap", "duplicate", "late"] },
              limit: { type: "integer", minimum: 1, maximum: 500, default: 100 },
              after: {
                type: "string",
                maxLength: 64,
                description: "Cursor: the last id of the previous page.",
              },
            },
          },
          response: { 200: pageSchema(controlFindingSchema), ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const { limit, after, ...filter } = request.query;
        const who = principalOf(request);
        const page = await deps.ctx.store.inboundControls.listFindings(
          who.scope === "admin" ? filter : { ...filter, accountId: who.accountId },
          after ?? null,
          limit,
        );
        return {
          items: page.items.map(controlFindingView),
          next: nextPagePath("/api/v1/control-numbers/findings", { ...filter, limit }, page.next),
        };
      },
    );
  };
}
