import { OpenVanError } from "../../../kernel/index.js";
import type { As2Context } from "../as2-context.js";
import { readMdn } from "../mdn/read-mdn.js";
import type { Partner } from "../profiles/as2-profiles.js";
import { sameMic } from "../smime/mic.js";
import type { MimeHeader } from "../smime/mime-entity.js";

export interface CheckedMdn {
  readonly mic: string | null;
  readonly disposition: string;
  readonly signed: boolean;
}

/**
 * Checks the partner's MDN for one outbound message and keeps it as proof of receipt: signed by the partner when
 * its profile asks for signed MDNs, naming our Message-ID, `processed`, with the MIC we computed.
 */
export async function checkMdn(
  as2: As2Context,
  partner: Partner,
  response: { headers: Headers; arrayBuffer(): Promise<ArrayBuffer> },
  messageId: string,
  expectedMic: string,
): Promise<CheckedMdn> {
  const body = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get("content-type");
  if (contentType === null || body.length === 0) {
    throw new OpenVanError(
      "AS2_MDN_INVALID",
      "the partner answered without an MDN, though a synchronous one was asked for",
    );
  }
  return recordMdn(
    as2,
    partner,
    [{ name: "Content-Type", value: contentType }],
    body,
    messageId,
    expectedMic,
  );
}

/** Verifies an MDN (sync answer or async POST) against the outbound record, then stores it. */
export async function recordMdn(
  as2: As2Context,
  partner: Partner,
  headers: readonly MimeHeader[],
  body: Uint8Array,
  messageId: string,
  expectedMic: string | null,
): Promise<CheckedMdn> {
  const mdn = readMdn(
    { raw: body, headers, body },
    partner.profile.mdnSigned ? partner.policy.signers : null,
    partner.policy.digests,
  );
  const named = mdn.originalMessageId?.replace(/^<(.*)>$/, "$1").trim();
  if (named !== messageId) {
    throw new OpenVanError(
      "AS2_MDN_INVALID",
      `the MDN is for message ${mdn.originalMessageId ?? "(none)"}, not <${messageId}>`,
    );
  }
  const record = await as2.ctx.store.as2.findMessage("out", partner.profile.id, messageId);
  if (record !== null) {
    await as2.ctx.store.as2.setMdn(record.id, {
      disposition: mdn.disposition,
      mdnHeaders: JSON.stringify(headers),
      mdnBody: body,
      mdnAt: as2.ctx.clock.now().toISOString(),
    });
  }
  if (!mdn.processed) {
    throw new OpenVanError(
      "AS2_MDN_NEGATIVE",
      `the partner did not process the message: ${mdn.disposition}`,
      {
        disposition: mdn.disposition,
      },
    );
  }
  const mic = expectedMic ?? record?.mic ?? null;
  // RFC 4130 section 7.4.3 requires the MIC in signed receipts; some implementations (pyas2lib) leave it out
  // when the message itself was not signed. For an unsigned message a missing MIC is accepted; a wrong one never.
  const micOptional = partner.profile.signDigest === null && mdn.mic === null;
  if (mic !== null && !micOptional && (mdn.mic === null || !sameMic(mdn.mic, mic))) {
    throw new OpenVanError(
      "AS2_MDN_INVALID",
      `MIC mismatch: the partner's MDN says ${mdn.mic ?? "(no MIC)"}, OpenVAN sent ${mic}`,
      { expected: mic, received: mdn.mic },
    );
  }
  return { mic: mdn.mic, disposition: mdn.disposition, signed: mdn.signed };
}
