import { OpenVanError } from "../../../kernel/index.js";
import { recordEvent } from "../../../network/index.js";
import type { As2Context } from "../as2-context.js";
import { readMdn } from "../mdn/read-mdn.js";
import { partnerOf } from "../profiles/as2-profiles.js";
import { recordMdn } from "../send/check-mdn.js";
import type { MimeHeader } from "../smime/mime-entity.js";
import { readAs2Headers } from "./as2-request-headers.js";
import type { As2Answer, As2Request } from "./receive-as2.js";

/**
 * `POST /as2/mdn`: an asynchronous MDN for a message this network sent. It is verified like a synchronous one
 * (signature, Message-ID, disposition, MIC) and kept as proof; the delivery's events say what it reported.
 */
export async function receiveAsyncMdn(as2: As2Context, request: As2Request): Promise<As2Answer> {
  const h = readAs2Headers(request.headers);
  const profile = h.from === null ? null : await as2.ctx.store.as2.findProfileByAs2Id(h.from);
  if (profile === null) return text(403, `AS2_PARTNER_UNKNOWN: no profile has AS2-From "${h.from ?? ""}"`);
  const partner = await partnerOf(as2.ctx, profile);
  const contentType = request.headers["content-type"];
  const headers: MimeHeader[] =
    typeof contentType === "string" ? [{ name: "Content-Type", value: contentType }] : [];
  let originalId: string | null = null;
  try {
    // Read once without checks to learn which message it answers, then check it against that message.
    originalId =
      readMdn({ raw: request.body, headers, body: request.body }, null, partner.policy.digests)
        .originalMessageId?.replace(/^<(.*)>$/, "$1")
        .trim() ?? null;
    const record =
      originalId === null ? null : await as2.ctx.store.as2.findMessage("out", profile.id, originalId);
    if (record === null || originalId === null) {
      return text(404, `AS2_MDN_INVALID: no message <${originalId ?? ""}> was sent to ${profile.as2Id}`);
    }
    const checked = await recordMdn(as2, partner, headers, request.body, originalId, record.mic);
    await recordEvent(
      as2.ctx.store,
      "as2.mdn.received",
      as2.ctx.clock.now().toISOString(),
      {
        accountId: profile.accountId,
        deliveryId: record.openvanId,
      },
      {
        as2MessageId: originalId,
        disposition: checked.disposition,
        mic: checked.mic,
        signed: checked.signed,
      },
    );
    return text(200, "");
  } catch (error) {
    if (!(error instanceof OpenVanError) || !error.code.startsWith("AS2_")) throw error;
    await recordEvent(
      as2.ctx.store,
      "as2.mdn.refused",
      as2.ctx.clock.now().toISOString(),
      {
        accountId: profile.accountId,
      },
      { as2MessageId: originalId, code: error.code, reason: error.message },
    );
    // Received and understood: what it says is recorded; the sender has nothing to retry.
    return text(200, `${error.code}: ${error.message}`);
  }
}

function text(status: number, body: string): As2Answer {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: Buffer.from(body) };
}
