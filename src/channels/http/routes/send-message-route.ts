import type { Readable } from "node:stream";
import type { FastifyPluginAsync } from "fastify";
import type { EdiError } from "../../../edi/index.js";
import { OpenVanError } from "../../../kernel/index.js";
import { receiveMessage } from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import { errorBody } from "../error-reply.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";

interface SendHeaders {
  "x-openvan-to"?: string;
  "idempotency-key"?: string;
  "x-openvan-filename"?: string;
  "content-length"?: string;
}

/**
 * `POST /messages`: the body is the message, streamed as it arrives to the blob store (never buffered, any
 * size up to the configured limit). 202 only once the message is durable; a refusal leaves nothing stored.
 */
export function sendMessageRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    // Every content type reaches the handler as the raw request stream: bytes are bytes here.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    app.post<{ Headers: SendHeaders }>(
      "/messages",
      {
        config: { openapiRawBody: true },
        schema: {
          summary: "Send a message: X12, EDIFACT or any file",
          description:
            "The raw body is the message. X12 and EDIFACT are routed by their envelopes; any other file needs " +
            "X-OpenVAN-To. Answers 202 once the bytes and the message record are durable.",
          tags: ["messages"],
          headers: {
            type: "object",
            properties: {
              "x-openvan-to": {
                type: "string",
                maxLength: 100,
                description: "Recipient identity QUAL:ID; required for a file that is not X12 or EDIFACT.",
              },
              "idempotency-key": {
                type: "string",
                maxLength: 200,
                description:
                  "Retrying with the same key returns the first answer instead of a second message.",
              },
              "x-openvan-filename": { type: "string", maxLength: 255, description: "The file's name, kept." },
            },
          },
          response: {
            202: {
              description: "Durable: the message will be routed.",
              type: "object",
              required: ["id", "replay", "format"],
              properties: {
                id: { type: "string", description: "The message id, for GET /messages/{id}." },
                replay: { type: "boolean", description: "True when this is the answer of an earlier send." },
                format: { type: "string", enum: ["x12", "edifact", "file"] },
              },
            },
            ...errorResponses(400, 401, 413, 422, 503),
          },
        },
      },
      async (request, reply) => {
        const who = principalOf(request);
        const length = Number(request.headers["content-length"]);
        if (Number.isFinite(length) && length > deps.ctx.settings.maxMessageBytes) {
          throw new OpenVanError(
            "BLOB_TOO_LARGE",
            `the message has ${length} bytes; this network takes at most ${deps.ctx.settings.maxMessageBytes}`,
            { limit: deps.ctx.settings.maxMessageBytes },
          );
        }
        const verdict = await receiveMessage(deps.ctx, {
          accountId: who.accountId,
          channel: "api",
          body: bodyStream(request.body),
          to: request.headers["x-openvan-to"] ?? null,
          filename: request.headers["x-openvan-filename"] ?? null,
          idempotencyKey: request.headers["idempotency-key"] ?? null,
        });
        if (verdict.kind === "rejected") {
          const body = errorBody(verdict.error);
          return reply
            .code(verdict.error.httpStatus)
            .send({ error: { ...body.error, ediErrors: verdict.ediErrors.map(ediErrorView) } });
        }
        if (!verdict.replay) deps.jobs?.poke();
        return reply
          .code(202)
          .header("location", `/api/v1/messages/${verdict.messageId}`)
          .send({ id: verdict.messageId, replay: verdict.replay, format: verdict.format });
      },
    );
  };
}

/**
 * The request body as the content-type parser handed it over: the raw stream, or nothing at all. Leaving the
 * loop early (an upload refused as too large) must not destroy the request, which would reset the connection
 * before the client hears why: the rest is drained by the error handler instead.
 */
function bodyStream(body: unknown): AsyncIterable<Uint8Array> {
  if (typeof body === "object" && body !== null && Symbol.asyncIterator in body) {
    return (body as Readable).iterator({ destroyOnReturn: false });
  }
  return (async function* () {})();
}

function ediErrorView(e: EdiError): Record<string, unknown> {
  return {
    code: e.code,
    message: e.message,
    offset: e.offset,
    segment: e.segment,
    ...(e.tag === undefined ? {} : { tag: e.tag }),
    ...(e.element === undefined ? {} : { element: e.element }),
  };
}
