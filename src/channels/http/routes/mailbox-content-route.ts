import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import { getMailboxItem, openMailboxItem } from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import { parseRange } from "../http-range.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";

const contentTypes: Readonly<Record<string, string>> = {
  x12: "application/edi-x12",
  edifact: "application/edifact",
};

const binary = { type: "string", format: "binary" } as const;

/**
 * `GET /mailbox/{id}/content`: the bytes exactly as they were received, streamed. One byte range may be asked
 * for (`Range: bytes=a-b`), for resuming a broken download. The ETag is the item id: its content never changes.
 */
export function mailboxContentRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { id: string }; Headers: { range?: string } }>(
      "/mailbox/:id/content",
      {
        exposeHeadRoute: false,
        schema: {
          summary: "Download an item's content, as received",
          tags: ["mailbox"],
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", maxLength: 64 } },
          },
          headers: {
            type: "object",
            properties: { range: { type: "string", description: "One byte range: bytes=START-END." } },
          },
          response: {
            200: {
              description: "The whole content.",
              content: { "application/octet-stream": { schema: binary } },
            },
            206: {
              description: "The asked range.",
              content: { "application/octet-stream": { schema: binary } },
            },
            ...errorResponses(401, 404, 416),
          },
        },
      },
      async (request, reply) => {
        const item = await getMailboxItem(deps.ctx, principalOf(request).accountId, request.params.id);
        const size = item.rangeEnd - item.rangeStart;
        const range = parseRange(request.headers.range, size);
        reply
          .header("accept-ranges", "bytes")
          .header("etag", `"${item.id}"`)
          .header("content-type", contentTypes[item.format] ?? "application/octet-stream");
        if (range.kind === "unsatisfiable") {
          reply.header("content-range", `bytes */${size}`);
          throw new OpenVanError(
            "RANGE_NOT_SATISFIABLE",
            `the item has ${size} bytes; the range "${request.headers.range}" lies outside`,
            { size },
          );
        }
        if (range.kind === "whole") {
          const stream = await openMailboxItem(deps.ctx, item);
          return reply.code(200).header("content-length", size).send(stream);
        }
        const stream = await openMailboxItem(deps.ctx, item, range);
        return reply
          .code(206)
          .header("content-length", range.end - range.start)
          .header("content-range", `bytes ${range.start}-${range.end - 1}/${size}`)
          .send(stream);
      },
    );
  };
}
