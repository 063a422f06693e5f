import type { FastifyPluginAsync } from "fastify";
import { accountOrNotFound, addIdentity, createAccount, issueApiKey } from "../../../network/index.js";
import type { ApiKeyScope } from "../../../storage/ports/index.js";
import { requireAdmin } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import {
  accountSchema,
  accountView,
  apiKeySchema,
  apiKeyView,
  identitySchema,
  identityView,
  listSchema,
} from "../views/account-views.js";
import { errorResponses } from "../views/error-schema.js";
import { accountParams } from "./admin-account.js";

const tags = ["admin"];

/** `/admin`: accounts, their identities and API keys. Only keys of the admin scope get in. */
export function adminRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  return async (app) => {
    app.addHook("onRequest", requireAdmin);

    app.post<{ Body: { name: string } }>(
      "/admin/accounts",
      {
        schema: {
          summary: "Create an account (a company on the network)",
          tags,
          body: {
            type: "object",
            required: ["name"],
            additionalProperties: false,
            properties: { name: { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" } },
          },
          response: { 201: accountSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(accountView(await createAccount(ctx, request.body.name))),
    );

    app.get(
      "/admin/accounts",
      {
        schema: {
          summary: "List the accounts",
          tags,
          response: { 200: listSchema(accountSchema), ...errorResponses(401, 403) },
        },
      },
      async () => ({ items: (await ctx.store.accounts.list()).map(accountView) }),
    );

    app.post<{ Params: { id: string }; Body: { identity: string } }>(
      "/admin/accounts/:id/identities",
      {
        schema: {
          summary: "Give an account an identity (an address on the network)",
          tags,
          params: accountParams,
          body: {
            type: "object",
            required: ["identity"],
            additionalProperties: false,
            properties: {
              identity: {
                type: "string",
                minLength: 1,
                maxLength: 40,
                description: "QUAL:ID, e.g. ZZ:ACMEFOODS.",
              },
            },
          },
          response: { 201: identitySchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(identityView(await addIdentity(ctx, request.params.id, request.body.identity))),
    );

    app.get<{ Params: { id: string } }>(
      "/admin/accounts/:id/identities",
      {
        schema: {
          summary: "List an account's identities",
          tags,
          params: accountParams,
          response: { 200: listSchema(identitySchema), ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const account = await accountOrNotFound(ctx.store, request.params.id);
        return { items: (await ctx.store.identities.listByAccount(account.id)).map(identityView) };
      },
    );

    app.post<{ Params: { id: string }; Body: { scope?: ApiKeyScope } }>(
      "/admin/accounts/:id/keys",
      {
        schema: {
          summary: "Issue an API key; the answer shows the whole key this once",
          tags,
          params: accountParams,
          body: {
            type: ["object", "null"],
            additionalProperties: false,
            properties: { scope: { type: "string", enum: ["account", "admin"], default: "account" } },
          },
          response: { 201: apiKeySchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const issued = await issueApiKey(ctx, request.params.id, request.body?.scope ?? "account");
        return reply.code(201).send(apiKeyView(issued.record, issued));
      },
    );

    app.get<{ Params: { id: string } }>(
      "/admin/accounts/:id/keys",
      {
        schema: {
          summary: "List an account's API keys (never the keys themselves)",
          tags,
          params: accountParams,
          response: { 200: listSchema(apiKeySchema), ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const account = await accountOrNotFound(ctx.store, request.params.id);
        return { items: (await ctx.store.apiKeys.listByAccount(account.id)).map((k) => apiKeyView(k)) };
      },
    );
  };
}
