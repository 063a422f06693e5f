import {
  enqueueJob,
  findOutboundRefusal,
  recordEvent,
  type SimpleJobHandler,
} from "../../../network/index.js";
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
 * The "as2_mdn" job: POSTs an async MDN to the partner's Receipt-Delivery-Option URL. No answer, a 408 or a 5xx
 * throws, and the job runner retries with backoff until its attempts run out. Any other 4xx is permanent, as
 * for the send transport: the job ends at once with an "as2.mdn.undelivered" event naming the status. So does
 * a URL whose host is an address the network does not connect to (OUTBOUND_ADDRESS_REFUSED): a partner names
 * that URL in its message, and must not be able to make the network POST to its own machine or private
 * network. The message itself was received and stays so.
 */
export function as2MdnJobHandler(as2: As2Context): SimpleJobHandler {
  return async (job) => {
    const mdn = job.payload as unknown as AsyncMdnPayload;
    // Recorded in the story of the message the MDN answers (when it was received), so its sender sees why.
    const undelivered = async (detail: Record<string, unknown>): Promise<void> => {
      const partnerId = mdn.headers["AS2-To"]?.replace(/^"(.*)"$/, "$1") ?? null;
      const profile = partnerId === null ? null : await as2.ctx.store.as2.findProfileByAs2Id(partnerId);
      const message =
        profile === null
          ? null
          : await as2.ctx.store.as2.findMessage("in", profile.id, mdn.originalMessageId);
      await recordEvent(
        as2.ctx.store,
        "as2.mdn.undelivered",
        as2.ctx.clock.now().toISOString(),
        {
          accountId: profile?.accountId ?? null,
          ...(message?.openvanId == null ? {} : { messageId: message.openvanId }),
        },
        { as2MessageId: mdn.originalMessageId, url: mdn.url, ...detail },
      );
    };
    let response: Response;
    try {
      response = await as2.fetch(mdn.url, {
        method: "POST",
        headers: { ...mdn.headers, "User-Agent": as2.product },
        body: Buffer.from(mdn.body, "base64"),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      const refusal = findOutboundRefusal(error);
      if (refusal === null) throw error;
      await undelivered({ code: refusal.code, reason: `not sent: ${refusal.message}` });
      return;
    }
    const answer = Buffer.from(await response.arrayBuffer())
      .toString("utf8")
      .slice(0, 500);
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408;
    if (permanent) {
      await undelivered({
        status: response.status,
        reason: `HTTP ${response.status} is permanent (4xx other than 408): not retried`,
        answer,
      });
      return;
    }
    if (!response.ok) {
      throw new Error(
        `the async MDN for ${mdn.originalMessageId} got HTTP ${response.status} from ${mdn.url}`,
      );
    }
  };
}
