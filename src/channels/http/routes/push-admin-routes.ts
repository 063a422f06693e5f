import type { FastifyPluginAsync } from "fastify";
import {
  accountOrNotFound,
  createInterconnect,
  createPushEndpoint,
  createWebhook,
  deletePushEndpoint,
  listInterconnects,
  listPushEndpoints,
  listWebhooks,
  setNotificationEmail,
  updatePushEndpoint,
} from "../../../network/index.js";
import { requireAdmin } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { listSchema } from "../views/account-views.js";
import { errorResponses } from "../views/error-schema.js";
import {
  interconnectSchema,
  interconnectView,
  pushEndpointSchema,
  pushEndpointView,
  webhookSchema,
  webhookView,
} from "../views/outbound-views.js";
import { accountParams } from "./admin-account.js";
import { emailBodySchema, webhookBodySchema } from "./webhook-routes.js";

const tags = ["admin"];

const endpointParams = {
  type: "object",
  required: ["id", "endpointId"],
  properties: {
    id: { type: "string", maxLength: 64, description: "The account id." },
    endpointId: { type: "string", maxLength: 64 },
  },
} as const;

const settingsSchema = {
  type: "object",
  additionalProperties: true,
  description:
    "What the transport needs: for as2 `url` and/or `as2Id` (the AS2 profile), for sftp `host`, `username`, … (see docs/interconnect.md).",
} as const;

const endpointBody = {
  type: "object",
  required: ["kind", "settings"],
  additionalProperties: false,
  properties: {
    kind: { type: "string", enum: ["as2", "sftp"] },
    settings: settingsSchema,
    active: { type: "boolean", default: true, description: "Take over from the account's active endpoint." },
  },
} as const;

/**
 * `/admin`: push endpoints of accounts (where their deliveries go instead of their mailbox), interconnects
 * (accounts that stand for another network), and the webhooks and notification e-mail of any account.
 */
export function pushAdminRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  return async (app) => {
    app.addHook("onRequest", requireAdmin);

    app.post<{
      Params: { id: string };
      Body: { kind: string; settings: Record<string, unknown>; active?: boolean };
    }>(
      "/admin/accounts/:id/endpoints",
      {
        schema: {
          summary: "Give an account a push endpoint (AS2 or SFTP): its deliveries are pushed there",
          tags,
          params: accountParams,
          body: endpointBody,
          response: { 201: pushEndpointSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(pushEndpointView(await createPushEndpoint(ctx, request.params.id, request.body))),
    );

    app.get<{ Params: { id: string } }>(
      "/admin/accounts/:id/endpoints",
      {
        schema: {
          summary: "List an account's push endpoints",
          tags,
          params: accountParams,
          response: { 200: listSchema(pushEndpointSchema), ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const account = await accountOrNotFound(ctx.store, request.params.id);
        return { items: (await listPushEndpoints(ctx, account.id)).map(pushEndpointView) };
      },
    );

    app.patch<{
      Params: { id: string; endpointId: string };
      Body: { settings?: Record<string, unknown>; active?: boolean };
    }>(
      "/admin/accounts/:id/endpoints/:endpointId",
      {
        schema: {
          summary: "Change an endpoint's settings, or (de)activate it",
          tags,
          params: endpointParams,
          body: {
            type: "object",
            additionalProperties: false,
            minProperties: 1,
            properties: { settings: settingsSchema, active: { type: "boolean" } },
          },
          response: { 200: pushEndpointSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        pushEndpointView(
          await updatePushEndpoint(ctx, request.params.id, request.params.endpointId, request.body),
        ),
    );

    app.delete<{ Params: { id: string; endpointId: string } }>(
      "/admin/accounts/:id/endpoints/:endpointId",
      {
        schema: {
          summary: "Remove a push endpoint",
          tags,
          params: endpointParams,
          response: { 204: { type: "null" }, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deletePushEndpoint(ctx, request.params.id, request.params.endpointId);
        return reply.code(204).send();
      },
    );

    app.post<{ Params: { id: string }; Body: { url: string; secret?: string; events?: string[] } }>(
      "/admin/accounts/:id/webhooks",
      {
        schema: {
          summary: "Subscribe a URL to an account's notifications; the answer shows the secret this once",
          tags,
          params: accountParams,
          body: webhookBodySchema,
          response: { 201: webhookSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(webhookView(await createWebhook(ctx, request.params.id, request.body), true)),
    );

    app.get<{ Params: { id: string } }>(
      "/admin/accounts/:id/webhooks",
      {
        schema: {
          summary: "List an account's webhooks",
          tags,
          params: accountParams,
          response: { 200: listSchema(webhookSchema), ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const account = await accountOrNotFound(ctx.store, request.params.id);
        return { items: (await listWebhooks(ctx, account.id)).map((w) => webhookView(w)) };
      },
    );

    app.put<{ Params: { id: string }; Body: { address: string; events?: string[] } }>(
      "/admin/accounts/:id/notification-email",
      {
        schema: {
          summary: "E-mail an account's notifications to this address",
          tags,
          params: accountParams,
          body: emailBodySchema,
          response: { 204: { type: "null" }, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await setNotificationEmail(ctx, request.params.id, request.body);
        return reply.code(204).send();
      },
    );

    app.post<{
      Body: {
        name: string;
        network: string;
        identities: string[];
        endpoint: { kind: string; settings: Record<string, unknown> };
      };
    }>(
      "/admin/interconnects",
      {
        schema: {
          summary:
            "Connect another network: an account of kind interconnect, its identities and push endpoint",
          tags,
          body: {
            type: "object",
            required: ["name", "network", "identities", "endpoint"],
            additionalProperties: false,
            properties: {
              name: { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" },
              network: { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" },
              identities: {
                type: "array",
                maxItems: 1000,
                items: { type: "string", minLength: 1, maxLength: 40 },
                description: "Identities (QUAL:ID) hosted on the other network.",
              },
              endpoint: {
                type: "object",
                required: ["kind", "settings"],
                additionalProperties: false,
                properties: { kind: { type: "string", enum: ["as2", "sftp"] }, settings: settingsSchema },
              },
            },
          },
          response: { 201: interconnectSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const made = await createInterconnect(ctx, request.body);
        return reply.code(201).send(
          interconnectView(made.account, made.interconnect, {
            identities: made.identities,
            endpoint: made.endpoint,
          }),
        );
      },
    );

    app.get(
      "/admin/interconnects",
      {
        schema: {
          summary: "List the interconnects (other networks) with their identities and active endpoint",
          tags,
          response: { 200: listSchema(interconnectSchema), ...errorResponses(401, 403) },
        },
      },
      async () => {
        const items = [];
        for (const { account, interconnect } of await listInterconnects(ctx)) {
          const identities = (await ctx.store.identities.listByAccount(account.id)).map((i) =>
            i.qualifier === "" ? i.value : `${i.qualifier}:${i.value}`,
          );
          const endpoint = await ctx.store.pushEndpoints.findActive(account.id);
          items.push(interconnectView(account, interconnect, { identities, endpoint }));
        }
        return { items };
      },
    );
  };
}
