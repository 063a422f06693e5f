import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type DeliveryTransport, PushError } from "../../src/network/index.js";

/**
 * A real network peer for push tests: an HTTP server on a loopback port that stores what is pushed to
 * `POST /deliveries/{deliveryId}`, one entry per delivery id (a second push of one delivery replaces the
 * first, as the real transports promise). It can be told to fail the next pushes with a 503 (transient) or
 * to refuse them with a 422 (permanent).
 */
export interface HttpPushPeer {
  readonly url: string;
  /** The bytes received, by delivery id. */
  readonly received: Map<string, Buffer>;
  /** Every request, in order: the delivery id and the status answered. */
  readonly requests: { readonly deliveryId: string; readonly status: number }[];
  /** The next `n` pushes get a 503. */
  failNext(n: number): void;
  /** From now on every push gets a 422 (until `accept()`). */
  refuse(): void;
  accept(): void;
  close(): Promise<void>;
}

export async function startHttpPushPeer(): Promise<HttpPushPeer> {
  let failures = 0;
  let refusing = false;
  const received = new Map<string, Buffer>();
  const requests: { deliveryId: string; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const deliveryId = /^\/deliveries\/([^/]+)$/.exec(req.url ?? "")?.[1];
      let status = 200;
      if (req.method !== "POST" || deliveryId === undefined) status = 404;
      else if (refusing) status = 422;
      else if (failures > 0) {
        failures -= 1;
        status = 503;
      }
      if (deliveryId !== undefined) requests.push({ deliveryId, status });
      if (status === 200 && deliveryId !== undefined) received.set(deliveryId, Buffer.concat(chunks));
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(status === 200 ? { receipt: `peer-${deliveryId}` } : { error: status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    requests,
    failNext(n) {
      failures = n;
    },
    refuse() {
      refusing = true;
    },
    accept() {
      refusing = false;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/**
 * The test's transport: pushes a delivery's bytes to `settings.url` + `/deliveries/{id}` over HTTP. A 4xx
 * answer is a permanent PushError, a 5xx or no answer a transient one. Registered under the "as2" kind only
 * because its endpoint, like AS2's, is a URL.
 */
export const testHttpTransport: DeliveryTransport = {
  kind: "as2",
  async push(delivery, endpoint, content) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of await content()) chunks.push(chunk);
    let response: Response;
    try {
      response = await fetch(`${String(endpoint.settings.url)}/deliveries/${delivery.id}`, {
        method: "POST",
        body: Buffer.concat(chunks),
      });
    } catch (error) {
      throw new PushError(`no answer: ${(error as Error).message}`, false);
    }
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 400)
      throw new PushError(`the peer answered ${response.status}`, response.status < 500, {
        status: response.status,
      });
    return { detail: answer };
  },
};
