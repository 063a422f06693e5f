import { Pool } from "undici";

export interface LoadOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:8080`. */
  readonly origin: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodies: readonly Buffer[];
  /** Senders working at once, each on its own kept-alive connection. */
  readonly concurrency: number;
}

/** What one load run saw, per body in the order of `bodies`. Times are epoch milliseconds (fractional). */
export interface LoadResult {
  readonly sentAt: Float64Array;
  readonly ackedAt: Float64Array;
  /** The id the server answered with, for each body. */
  readonly ids: readonly string[];
  /** Answers other than 202, by status (0: the request failed). */
  readonly failures: ReadonlyMap<number, number>;
  readonly firstFailure: string | null;
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * Sends every body once, `concurrency` at a time over a pool of kept-alive connections, and records when each
 * was sent and when its 202 came back.
 */
export async function sendLoad(options: LoadOptions): Promise<LoadResult> {
  const count = options.bodies.length;
  const sentAt = new Float64Array(count);
  const ackedAt = new Float64Array(count);
  const ids: string[] = new Array<string>(count).fill("");
  const failures = new Map<number, number>();
  let firstFailure: string | null = null;
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  let next = 0;
  const sender = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const body = options.bodies[i] as Buffer;
      sentAt[i] = now();
      try {
        const response = await pool.request({
          method: "POST",
          path: options.path,
          headers: { ...options.headers, "content-length": String(body.length) },
          body,
        });
        const text = await response.body.text();
        ackedAt[i] = now();
        if (response.statusCode === 202) ids[i] = (JSON.parse(text) as { id: string }).id;
        else {
          failures.set(response.statusCode, (failures.get(response.statusCode) ?? 0) + 1);
          firstFailure ??= `${response.statusCode} ${text.slice(0, 300)}`;
        }
      } catch (error) {
        ackedAt[i] = now();
        failures.set(0, (failures.get(0) ?? 0) + 1);
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, sender));
  } finally {
    await pool.close();
  }
  return { sentAt, ackedAt, ids, failures, firstFailure };
}
