import type { FastifyPluginAsync } from "fastify";
import { messageTimeline } from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";
import { messageStorySchema, messageStoryView } from "../views/message-story-view.js";

/** `GET /messages/{id}`: state, interchanges, deliveries and every event of a message. */
export function messageStoryRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { id: string } }>(
      "/messages/:id",
      {
        schema: {
          summary: "A message's state and whole story",
          description:
            "The sender sees all of it; a recipient sees the message and what concerns its own deliveries.",
          tags: ["messages"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", maxLength: 64 } },
          },
          response: { 200: messageStorySchema, ...errorResponses(401, 404) },
        },
      },
      async (request) =>
        messageStoryView(await messageTimeline(deps.ctx, principalOf(request), request.params.id)),
    );
  };
}
