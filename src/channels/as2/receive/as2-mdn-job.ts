import { enqueueJob, type SimpleJobHandler } from "../../../network/index.js";
import type { As2Context } from "../as2-context.js";

/** The payload of an "as2_mdn" job: an async MDN and where it goes. */
export interface AsyncMdnPayload {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The MDN body, base64. */
  readonly body: string;
  readonly originalMessageId: string;
}

export async function enqueueAsyncMdn(
  as2: As2Context,
  mdn: {
    url: string;
    headers: Readonly<Record<string, string>>;
    body: Uint8Array;
    originalMessageId: string;
  },
): Promise<void> {
  const payload: AsyncMdnPayload = { ...mdn, body: Buffer.from(mdn.body).toString("base64") };
  await as2.ctx.store.transaction((tx) => enqueueJob(as2.ctx, tx, "as2_mdn", { ...payload }));
}

/**
 * The "as2_mdn" job: POSTs an async MDN to the partner's Receipt-Delivery-Option URL. A failure (no answer, a
 * non-2xx status) throws, and the job runner retries with backoff until its attempts run out.
 */
export function as2MdnJobHandler(as2: As2Context): SimpleJobHandler {
  return async (job) => {
    const mdn = job.payload as unknown as AsyncMdnPayload;
    const response = await as2.fetch(mdn.url, {
      method: "POST",
      headers: { ...mdn.headers, "User-Agent": as2.product },
      body: Buffer.from(mdn.body, "base64"),
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(
        `the async MDN for ${mdn.originalMessageId} got HTTP ${response.status} from ${mdn.url}`,
      );
    }
  };
}
