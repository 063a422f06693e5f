import type { FastifyPluginAsync } from "fastify";
import { repushDelivery } from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";
import { mailboxItemSchema, mailboxItemView } from "../views/mailbox-item-view.js";

/** `POST /deliveries/{id}/push`: pushes a delivery that failed (`push_failed`) again, e.g. once its endpoint is fixed. */
export function deliveryPushRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Params: { id: string } }>(
      "/deliveries/:id/push",
      {
        schema: {
          summary: "Push a failed delivery again",
          description:
            "For the sender, the recipient or an admin. The delivery goes back to `pushing` with a fresh set of attempts; its id stays the same, so the far side sees one delivery.",
          tags: ["tracking"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", maxLength: 64, description: "The delivery id." } },
          },
          response: { 202: mailboxItemSchema, ...errorResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        const delivery = await repushDelivery(deps.ctx, principalOf(request), request.params.id);
        deps.jobs?.poke();
        return reply.code(202).send(mailboxItemView(delivery));
      },
    );
  };
}
