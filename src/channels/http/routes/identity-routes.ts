import type { FastifyPluginAsync } from "fastify";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { identitySchema, identityView, listSchema } from "../views/account-views.js";
import { errorResponses } from "../views/error-schema.js";

/** `GET /identities`: the addresses of the caller's own account. */
export function identityRoutes(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      "/identities",
      {
        schema: {
          summary: "The identities of the caller's account",
          tags: ["account"],
          response: { 200: listSchema(identitySchema), ...errorResponses(401) },
        },
      },
      async (request) => ({
        items: (await deps.ctx.store.identities.listByAccount(principalOf(request).accountId)).map(
          identityView,
        ),
      }),
    );
  };
}
