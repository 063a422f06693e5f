import type { FastifyPluginAsync } from "fastify";
import { confirmPickup, getMailboxItem, listMailbox, resendItem } from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";
import { mailboxItemSchema, mailboxItemView } from "../views/mailbox-item-view.js";
import { nextPagePath, pageSchema } from "../views/page-schema.js";

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 64, description: "The mailbox item (delivery) id." } },
} as const;

const itemResponse = { 200: mailboxItemSchema, ...errorResponses(401, 404) };

/** The account's mailbox: list what waits, look at one item, confirm pickup, ask for a resend. */
export function mailboxRoutes(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { limit: number; after?: string } }>(
      "/mailbox",
      {
        schema: {
          summary: "List the items waiting in the mailbox, oldest first",
          tags: ["mailbox"],
          querystring: {
            type: "object",
            properties: {
              limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
              after: {
                type: "string",
                maxLength: 64,
                description: "Cursor: the last id of the previous page.",
              },
            },
          },
          response: { 200: pageSchema(mailboxItemSchema), ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const { limit, after } = request.query;
        const page = await listMailbox(deps.ctx, principalOf(request).accountId, after ?? null, limit);
        return {
          items: page.items.map(mailboxItemView),
          next: nextPagePath("/api/v1/mailbox", { limit }, page.next),
        };
      },
    );

    app.get<{ Params: { id: string } }>(
      "/mailbox/:id",
      {
        schema: { summary: "One mailbox item", tags: ["mailbox"], params: idParams, response: itemResponse },
      },
      async (request) =>
        mailboxItemView(await getMailboxItem(deps.ctx, principalOf(request).accountId, request.params.id)),
    );

    app.post<{ Params: { id: string } }>(
      "/mailbox/:id/confirm",
      {
        schema: {
          summary: "Confirm pickup: the item leaves the mailbox",
          description:
            "Confirming an item already picked up answers the same, so a lost answer can be retried.",
          tags: ["mailbox"],
          params: idParams,
          response: itemResponse,
        },
      },
      async (request) =>
        mailboxItemView(await confirmPickup(deps.ctx, principalOf(request).accountId, request.params.id)),
    );

    app.post<{ Params: { id: string } }>(
      "/mailbox/:id/resend",
      {
        schema: {
          summary: "Put a picked-up item back into the mailbox",
          tags: ["mailbox"],
          params: idParams,
          response: itemResponse,
        },
      },
      async (request) =>
        mailboxItemView(await resendItem(deps.ctx, principalOf(request).accountId, request.params.id)),
    );
  };
}
