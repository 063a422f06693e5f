import { open } from "node:fs/promises";
import { join } from "node:path";
import Fastify from "fastify";

/**
 * The floor of a durable drop: a bare Fastify server that writes each request body to its own file, flushes
 * it to disk (fsync) and answers 202. No authentication, no database, no routing.
 * `node bare-drop-server.js --dir DIR --port N` prints `listening on URL` once it listens.
 */
const args = process.argv.slice(2);
const option = (name: string): string | undefined => args[args.indexOf(name) + 1];
const dir = option("--dir");
const port = Number(option("--port") ?? 0);
if (dir === undefined) throw new Error("usage: bare-drop-server --dir DIR [--port N]");

const app = Fastify({ logger: false, requestTimeout: 0 });
app.removeAllContentTypeParsers();
app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
let next = 0;
app.post("/drop", async (request, reply) => {
  const id = String(++next);
  const file = await open(join(dir, id), "wx");
  try {
    for await (const chunk of request.body as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; ) {
        offset += (await file.write(chunk, offset, chunk.length - offset)).bytesWritten;
      }
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return reply.code(202).send({ id });
});

const stop = (): void => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
const url = await app.listen({ host: "127.0.0.1", port });
process.stdout.write(`listening on ${url}\n`);
