import type { FastifyPluginAsync } from "fastify";
import {
  type AckProfileInput,
  accountOrNotFound,
  removeAckProfile,
  setAckProfile,
} from "../../../network/index.js";
import { principalOf, requireAdmin } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { listSchema } from "../views/account-views.js";
import {
  ackProfileBodySchema,
  ackProfileKeySchema,
  ackProfileSchema,
  ackProfileView,
} from "../views/ack-profile-view.js";
import { errorResponses } from "../views/error-schema.js";
import { accountParams } from "./admin-account.js";

type Key = { identity?: string; partner?: string };

const tags = ["acknowledgments"];

/**
 * `/ack-profiles`: which acknowledgments the network sends for what the caller's account sends, and which it
 * expects back; `/admin/accounts/{id}/ack-profiles` does the same for any account with an admin key.
 */
export function ackProfileRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  const list = async (accountId: string) => {
    await accountOrNotFound(ctx.store, accountId);
    return { items: (await ctx.store.ackProfiles.list(accountId)).map(ackProfileView) };
  };

  return async (app) => {
    app.get(
      "/ack-profiles",
      {
        schema: {
          summary: "The acknowledgment profiles of the caller's account",
          description: "The most specific profile applies: identity and partner, identity, partner, account.",
          tags,
          response: { 200: listSchema(ackProfileSchema), ...errorResponses(401) },
        },
      },
      async (request) => list(principalOf(request).accountId),
    );

    app.put<{ Body: AckProfileInput }>(
      "/ack-profiles",
      {
        schema: {
          summary: "Create or change an acknowledgment profile of the caller's account",
          description: "Settings left out keep their current value (or the default for a new profile).",
          tags,
          body: ackProfileBodySchema,
          response: { 200: ackProfileSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) =>
        ackProfileView(await setAckProfile(ctx, principalOf(request).accountId, request.body)),
    );

    app.delete<{ Querystring: Key }>(
      "/ack-profiles",
      {
        schema: {
          summary: "Remove an acknowledgment profile of the caller's account",
          tags,
          querystring: ackProfileKeySchema,
          response: { 204: { type: "null" }, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        await removeAckProfile(
          ctx,
          principalOf(request).accountId,
          request.query.identity,
          request.query.partner,
        );
        return reply.code(204).send();
      },
    );

    app.register(async (admin) => {
      admin.addHook("onRequest", requireAdmin);
      admin.get<{ Params: { id: string } }>(
        "/admin/accounts/:id/ack-profiles",
        {
          schema: {
            summary: "An account's acknowledgment profiles",
            tags: ["admin", ...tags],
            params: accountParams,
            response: { 200: listSchema(ackProfileSchema), ...errorResponses(401, 403, 404) },
          },
        },
        async (request) => list(request.params.id),
      );
      admin.put<{ Params: { id: string }; Body: AckProfileInput }>(
        "/admin/accounts/:id/ack-profiles",
        {
          schema: {
            summary: "Create or change an account's acknowledgment profile",
            tags: ["admin", ...tags],
            params: accountParams,
            body: ackProfileBodySchema,
            response: { 200: ackProfileSchema, ...errorResponses(400, 401, 403, 404) },
          },
        },
        async (request) => ackProfileView(await setAckProfile(ctx, request.params.id, request.body)),
      );
      admin.delete<{ Params: { id: string }; Querystring: Key }>(
        "/admin/accounts/:id/ack-profiles",
        {
          schema: {
            summary: "Remove an account's acknowledgment profile",
            tags: ["admin", ...tags],
            params: accountParams,
            querystring: ackProfileKeySchema,
            response: { 204: { type: "null" }, ...errorResponses(400, 401, 403, 404) },
          },
        },
        async (request, reply) => {
          await removeAckProfile(ctx, request.params.id, request.query.identity, request.query.partner);
          return reply.code(204).send();
        },
      );
    });
  };
}
