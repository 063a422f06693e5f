import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import type { As2Context } from "../as2-context.js";
import { receiveAs2 } from "./receive-as2.js";
import { receiveAsyncMdn } from "./receive-async-mdn.js";

/**
 * `POST /as2` on the HTTP listener: an AS2 message in, its MDN (or an empty 200 for an async MDN) out.
 * `GET /as2/certificate`: this network's AS2 certificate, PEM, for partners to encrypt to and verify with.
 * The body is read whole (CMS needs it), refused with 413 beyond the channel's limit.
 */
export function as2Route(as2: As2Context): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    app.post(
      "/as2",
      {
        config: { openapiRawBody: true },
        schema: {
          summary: "Receive an AS2 message (RFC 4130)",
          description:
            "Signed, encrypted and/or compressed S/MIME per the sender's AS2 profile; answers with a synchronous MDN, " +
            "or 200 with an empty body when Receipt-Delivery-Option asks for an asynchronous one.",
          tags: ["as2"],
        },
      },
      async (request, reply) => {
        const length = Number(request.headers["content-length"]);
        if (Number.isFinite(length) && length > as2.maxBytes) {
          reply.header("connection", "close");
          throw tooLarge(length, as2.maxBytes);
        }
        const body = await readWhole(request.body as AsyncIterable<Uint8Array> | undefined, as2.maxBytes);
        const result = await receiveAs2(as2, { headers: request.headers, body });
        return reply.code(result.status).headers(result.headers).send(Buffer.from(result.body));
      },
    );

    app.post(
      "/as2/mdn",
      {
        config: { openapiRawBody: true },
        schema: { summary: "Receive an asynchronous MDN for a message this network sent", tags: ["as2"] },
      },
      async (request, reply) => {
        const body = await readWhole(request.body as AsyncIterable<Uint8Array> | undefined, 1024 * 1024);
        const result = await receiveAsyncMdn(as2, { headers: request.headers, body });
        return reply.code(result.status).headers(result.headers).send(Buffer.from(result.body));
      },
    );

    app.get(
      "/as2/certificate",
      { schema: { summary: "This network's AS2 certificate (PEM)", tags: ["as2"] } },
      async (_request, reply) =>
        reply
          .type("application/x-pem-file")
          .header("x-as2-id", as2.as2Id)
          .send((await as2.keys.current()).certificatePem),
    );
  };
}

async function readWhole(body: AsyncIterable<Uint8Array> | undefined, limit: number): Promise<Uint8Array> {
  if (body === undefined || !(Symbol.asyncIterator in Object(body))) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw tooLarge(size, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number, limit: number): OpenVanError {
  return new OpenVanError(
    "BLOB_TOO_LARGE",
    `the AS2 message has ${size} bytes or more; this network takes at most ${limit}`,
    {
      limit,
    },
  );
}
