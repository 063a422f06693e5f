import type { FastifyPluginAsync } from "fastify";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookCalls,
  listWebhooks,
  setNotificationEmail,
  setWebhookActive,
} from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";
import {
  notificationTypesSchema,
  webhookCallSchema,
  webhookCallView,
  webhookSchema,
  webhookView,
} from "../views/outbound-views.js";
import { nextPagePath, pageSchema } from "../views/page-schema.js";

const tags = ["notifications"];

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 64, description: "The webhook id." } },
} as const;

export const webhookBodySchema = {
  type: "object",
  required: ["url"],
  additionalProperties: false,
  properties: {
    url: { type: "string", minLength: 1, maxLength: 2000, description: "Where notifications are POSTed." },
    secret: {
      type: "string",
      minLength: 16,
      maxLength: 200,
      description: "The HMAC key of the signature; a random one is made when omitted.",
    },
    events: { ...notificationTypesSchema, description: "The notification types to send; default: all." },
  },
} as const;

export const emailBodySchema = {
  type: "object",
  required: ["address"],
  additionalProperties: false,
  properties: {
    address: { type: "string", minLength: 3, maxLength: 320 },
    events: { ...notificationTypesSchema, description: "The notification types to mail; default: all." },
  },
} as const;

const emailSchema = {
  type: "object",
  required: ["address", "events"],
  properties: {
    address: { type: ["string", "null"] },
    events: { type: "array", items: { type: "string" } },
  },
} as const;

/**
 * `/webhooks` and `/notifications/email`: an account's own notification subscriptions, and the delivery log
 * of each webhook.
 */
export function webhookRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  return async (app) => {
    app.post<{ Body: { url: string; secret?: string; events?: string[] } }>(
      "/webhooks",
      {
        schema: {
          summary: "Subscribe a URL to notifications; the answer shows the signing secret this once",
          tags,
          body: webhookBodySchema,
          response: { 201: webhookSchema, ...errorResponses(400, 401) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(webhookView(await createWebhook(ctx, principalOf(request).accountId, request.body), true)),
    );

    app.get(
      "/webhooks",
      {
        schema: {
          summary: "List the account's webhooks",
          tags,
          response: {
            200: {
              type: "object",
              required: ["items"],
              properties: { items: { type: "array", items: webhookSchema } },
            },
            ...errorResponses(401),
          },
        },
      },
      async (request) => ({
        items: (await listWebhooks(ctx, principalOf(request).accountId)).map((w) => webhookView(w)),
      }),
    );

    app.get<{ Params: { id: string } }>(
      "/webhooks/:id",
      {
        schema: {
          summary: "One webhook",
          tags,
          params: idParams,
          response: { 200: webhookSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => webhookView(await getWebhook(ctx, principalOf(request), request.params.id)),
    );

    app.patch<{ Params: { id: string }; Body: { active: boolean } }>(
      "/webhooks/:id",
      {
        schema: {
          summary: "Switch a webhook off or on",
          tags,
          params: idParams,
          body: {
            type: "object",
            required: ["active"],
            additionalProperties: false,
            properties: { active: { type: "boolean" } },
          },
          response: { 200: webhookSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) =>
        webhookView(
          await setWebhookActive(ctx, principalOf(request), request.params.id, request.body.active),
        ),
    );

    app.delete<{ Params: { id: string } }>(
      "/webhooks/:id",
      {
        schema: {
          summary: "Remove a webhook and its delivery log",
          tags,
          params: idParams,
          response: { 204: { type: "null" }, ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        await deleteWebhook(ctx, principalOf(request), request.params.id);
        return reply.code(204).send();
      },
    );

    app.get<{ Params: { id: string }; Querystring: { limit: number; after?: string } }>(
      "/webhooks/:id/deliveries",
      {
        schema: {
          summary:
            "The webhook's delivery log, newest first: each notification, its attempts and last answer",
          tags,
          params: idParams,
          querystring: {
            type: "object",
            properties: {
              limit: { type: "integer", minimum: 1, maximum: 500, default: 50 },
              after: {
                type: "string",
                maxLength: 64,
                description: "Cursor: the last id of the previous page.",
              },
            },
          },
          response: { 200: pageSchema(webhookCallSchema), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { limit, after } = request.query;
        const { id } = request.params;
        const page = await listWebhookCalls(ctx, principalOf(request), id, after ?? null, limit);
        return {
          items: page.items.map(webhookCallView),
          next: nextPagePath(`/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`, { limit }, page.next),
        };
      },
    );

    app.get(
      "/notifications/email",
      {
        schema: {
          summary: "Where the account's notifications are e-mailed (address null: nowhere)",
          tags,
          response: { 200: emailSchema, ...errorResponses(401) },
        },
      },
      async (request) => {
        const email = await ctx.store.notificationEmails.get(principalOf(request).accountId);
        return { address: email?.address ?? null, events: email?.events ?? [] };
      },
    );

    app.put<{ Body: { address: string; events?: string[] } }>(
      "/notifications/email",
      {
        schema: {
          summary: "E-mail the account's notifications to this address (when the server has SMTP)",
          tags,
          body: emailBodySchema,
          response: { 200: emailSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const accountId = principalOf(request).accountId;
        await setNotificationEmail(ctx, accountId, request.body);
        const email = await ctx.store.notificationEmails.get(accountId);
        return { address: email?.address ?? null, events: email?.events ?? [] };
      },
    );

    app.delete(
      "/notifications/email",
      {
        schema: {
          summary: "Stop e-mailing the account's notifications",
          tags,
          response: { 204: { type: "null" }, ...errorResponses(401) },
        },
      },
      async (request, reply) => {
        await setNotificationEmail(ctx, principalOf(request).accountId, null);
        return reply.code(204).send();
      },
    );
  };
}
