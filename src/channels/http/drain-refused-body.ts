import type { IncomingMessage } from "node:http";

export interface DrainLimits {
  /** Bytes of a refused body read and thrown away before the connection is closed. */
  readonly maxBytes: number;
  /** How long a refused body is read before the connection is closed. */
  readonly maxMs: number;
  /** After closing our side, how long the client has to stop sending before the socket is torn down. */
  readonly graceMs: number;
}

export const defaultDrainLimits: DrainLimits = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxMs: 10_000,
  graceMs: 5_000,
});

/**
 * Reads and throws away the rest of a request body that was refused before it was read to its end (an upload
 * over the size limit, a bad key), so that the client gets the answer. Closing a socket while the client is
 * still sending makes the kernel reset the connection, and a client that is still writing then sees EPIPE or
 * ECONNRESET instead of the answer waiting in its receive buffer.
 *
 * The rest is read up to `maxBytes` or `maxMs`; a body that ends within them leaves the connection usable.
 * Past them, our side of the connection is closed (FIN, after the answer), the client is given `graceMs` to
 * notice and stop, and only then is the socket torn down.
 */
export function drainRefusedBody(request: IncomingMessage, limits: DrainLimits = defaultDrainLimits): void {
  const socket = request.socket;
  // `readableEnded`: a body read to its end by a stream that does not set `complete` (light-my-request's).
  if (request.complete || request.readableEnded || socket.destroyed) return;
  let read = 0;
  const stop = (): void => {
    clearTimeout(deadline);
    request.off("data", count);
  };
  const closeGently = (): void => {
    stop();
    socket.end();
    setTimeout(() => socket.destroy(), limits.graceMs).unref();
  };
  const count = (chunk: Buffer): void => {
    read += chunk.length;
    if (read > limits.maxBytes) closeGently();
  };
  const deadline = setTimeout(closeGently, limits.maxMs).unref();
  request.on("data", count);
  request.once("end", stop);
  request.once("close", stop);
  // Flowing, whether or not anyone listens: what arrives is read and dropped.
  request.resume();
}
