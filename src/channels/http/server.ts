import { Server as TlsServer } from "node:tls";
import type { FastifyInstance } from "fastify";

export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** Starts listening and resolves with the base URL clients can use, e.g. `https://localhost:8443`. */
export async function listen(app: FastifyInstance, options: ListenOptions): Promise<string> {
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const scheme = app.server instanceof TlsServer ? "https" : "http";
  const host = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  return `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
