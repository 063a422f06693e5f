import { newId, OpenVanError } from "../../../kernel/index.js";
import { receiveMessage, recordEvent } from "../../../network/index.js";
import type { As2Context } from "../as2-context.js";
import { buildMdn } from "../mdn/build-mdn.js";
import { type Disposition, dispositionField, dispositionFor } from "../mdn/disposition.js";
import { partnerOf } from "../profiles/as2-profiles.js";
import type { DigestName } from "../smime/algorithms.js";
import { computeMic } from "../smime/mic.js";
import { headerValue, type MimeEntity, type MimeHeader, parseContentType } from "../smime/mime-entity.js";
import { openSmime } from "../smime/open-smime.js";
import { enqueueAsyncMdn } from "./as2-mdn-job.js";
import { type As2RequestHeaders, readAs2Headers } from "./as2-request-headers.js";

/** The HTTP answer to an AS2 POST. */
export interface As2Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface As2Request {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Uint8Array;
}

/**
 * Receives one AS2 message: resolve the partner, take the S/MIME layers off, ingest the payload through the
 * network's one ingest (channel "as2"), then answer with an MDN — synchronously in the HTTP answer, or by an
 * "as2_mdn" job to the Receipt-Delivery-Option URL. "processed" is said only once the message is durable; a
 * refusal ingests nothing. A Message-ID seen before returns the MDN sent then, and nothing is ingested twice.
 * Storage failures throw: the sender gets a 5xx and sends again later.
 */
export async function receiveAs2(as2: As2Context, request: As2Request): Promise<As2Answer> {
  const h = readAs2Headers(request.headers);
  if (h.from === null || h.to === null || h.messageId === null) {
    const missing = [
      h.from === null && "AS2-From",
      h.to === null && "AS2-To",
      h.messageId === null && "Message-ID",
    ];
    return plain(400, `AS2_MESSAGE_INVALID: the request lacks ${missing.filter(Boolean).join(", ")}`);
  }
  const now = as2.ctx.clock.now();
  const profile = h.to === as2.as2Id ? await as2.ctx.store.as2.findProfileByAs2Id(h.from) : null;
  if (profile === null) {
    const reason =
      h.to !== as2.as2Id
        ? `unknown trading partner: AS2-To "${h.to}" is not this network (its AS2 id is "${as2.as2Id}")`
        : `unknown trading partner: no profile has AS2-From "${h.from}"`;
    return answer(as2, h, dispositionFor("AS2_PARTNER_UNKNOWN", reason), null, 403);
  }
  const earlier = await as2.ctx.store.as2.findMessage("in", profile.id, h.messageId);
  if (earlier !== null && earlier.mdnBody !== null && earlier.mdnHeaders !== null) {
    const headers = JSON.parse(earlier.mdnHeaders) as MimeHeader[];
    return deliverMdn(as2, h, { headers, body: earlier.mdnBody });
  }
  const partner = await partnerOf(as2.ctx, profile);
  const subject = { accountId: profile.accountId };
  const top = topEntity(request);
  let micBytes: Uint8Array | null = null;
  let micDigest: DigestName = h.mdn?.micDigest ?? "sha256";
  try {
    const opened = openSmime(top, (await as2.keys.current()).decrypters, partner.policy, as2.maxBytes);
    micBytes = opened.micBytes;
    micDigest = h.mdn?.micDigest ?? opened.signatureDigest ?? "sha256";
    const filename =
      parseContentType(headerValue(opened.entity.headers, "content-disposition")).params.filename ?? null;
    const verdict = await receiveMessage(as2.ctx, {
      accountId: profile.accountId,
      channel: "as2",
      body: (async function* () {
        yield opened.payload;
      })(),
      to: first(request.headers["x-openvan-to"]),
      filename,
      // The partner's Message-ID makes a resend after a crash (before the MDN was kept) return the same message.
      idempotencyKey: `as2:${profile.as2Id}:${h.messageId}`,
    });
    if (verdict.kind === "rejected") {
      const disposition = dispositionFor(
        "AS2_MESSAGE_INVALID",
        `${verdict.error.code}: ${verdict.error.message}`,
      );
      await refused(as2, subject, h, verdict.error.code, disposition);
      return answer(as2, h, disposition, computeMic(micBytes, micDigest), 422);
    }
    const mic = computeMic(micBytes, micDigest);
    const disposition: Disposition = { kind: "processed" };
    const mdn = await mdnFor(as2, h, disposition, mic);
    await as2.ctx.store.transaction(async (tx) => {
      await tx.as2.insertMessage({
        id: newId("as2m_", now.getTime()),
        direction: "in",
        profileId: profile.id,
        messageId: h.messageId ?? "",
        openvanId: verdict.messageId,
        mic,
        disposition: dispositionField(disposition),
        mdnHeaders: mdn === null ? null : JSON.stringify(mdn.headers),
        mdnBody: mdn === null ? null : mdn.body,
        mdnUrl: h.mdn?.asyncUrl ?? null,
        createdAt: now.toISOString(),
        mdnAt: mdn === null ? null : now.toISOString(),
      });
      if (!verdict.replay) {
        await recordEvent(
          tx,
          "as2.received",
          now.toISOString(),
          { ...subject, messageId: verdict.messageId },
          {
            as2From: h.from,
            as2MessageId: h.messageId,
            signed: opened.signed,
            encrypted: opened.encrypted,
            compressed: opened.compressed,
            mic,
          },
        );
      }
    });
    if (!verdict.replay) as2.poke();
    return mdn === null ? plain(200, "") : deliverMdn(as2, h, mdn);
  } catch (error) {
    if (!(error instanceof OpenVanError) || !error.code.startsWith("AS2_")) throw error;
    const disposition = dispositionFor(error.code, error.message);
    await refused(as2, subject, h, error.code, disposition);
    return answer(
      as2,
      h,
      disposition,
      micBytes === null ? null : computeMic(micBytes, micDigest),
      error.httpStatus,
    );
  }
}

/** The top MIME entity: the HTTP Content-Type (and transfer encoding) over the body. */
function topEntity(request: As2Request): MimeEntity {
  const headers: MimeHeader[] = [];
  for (const name of ["content-type", "content-transfer-encoding", "content-disposition"]) {
    const value = first(request.headers[name]);
    if (value !== null) headers.push({ name, value });
  }
  return { raw: request.body, headers, body: request.body };
}

async function refused(
  as2: As2Context,
  subject: { accountId: string },
  h: As2RequestHeaders,
  code: string,
  disposition: Disposition,
): Promise<void> {
  await recordEvent(as2.ctx.store, "as2.refused", as2.ctx.clock.now().toISOString(), subject, {
    as2From: h.from,
    as2MessageId: h.messageId,
    code,
    disposition: dispositionField(disposition),
    reason: disposition.kind === "error" ? disposition.reason : null,
  });
}

/** The answer for a message that was not processed: an MDN when one was asked for, else the HTTP status. */
async function answer(
  as2: As2Context,
  h: As2RequestHeaders,
  disposition: Disposition,
  mic: string | null,
  statusWithoutMdn: number,
): Promise<As2Answer> {
  const mdn = await mdnFor(as2, h, disposition, mic);
  if (mdn === null) {
    return plain(
      statusWithoutMdn,
      disposition.kind === "error" ? `${disposition.error}: ${disposition.reason}` : "",
    );
  }
  return deliverMdn(as2, h, mdn);
}

async function mdnFor(
  as2: As2Context,
  h: As2RequestHeaders,
  disposition: Disposition,
  mic: string | null,
): Promise<{ headers: readonly MimeHeader[]; body: Uint8Array } | null> {
  if (h.mdn === null) return null;
  const digest = h.mdn.micDigest ?? "sha256";
  return buildMdn(
    {
      reportingUa: as2.product,
      recipient: h.to ?? as2.as2Id,
      originalMessageId: `<${h.messageId ?? ""}>`,
      disposition,
      mic,
    },
    h.mdn.signed ? { signer: (await as2.keys.current()).signer, digest, at: as2.ctx.clock.now() } : null,
  );
}

/** A sync MDN as the HTTP answer, or an async one queued for its URL (the HTTP answer is then empty). */
async function deliverMdn(
  as2: As2Context,
  h: As2RequestHeaders,
  mdn: { headers: readonly MimeHeader[]; body: Uint8Array },
): Promise<As2Answer> {
  const headers = mdnHttpHeaders(as2, h.from ?? "", mdn.headers);
  if (h.mdn?.asyncUrl) {
    await enqueueAsyncMdn(as2, {
      url: h.mdn.asyncUrl,
      headers,
      body: mdn.body,
      originalMessageId: h.messageId ?? "",
    });
    as2.poke();
    return plain(200, "");
  }
  return { status: 200, headers, body: mdn.body };
}

/** The HTTP headers that carry an MDN: AS2 headers plus the MDN's own MIME headers. */
export function mdnHttpHeaders(
  as2: As2Context,
  to: string,
  mime: readonly MimeHeader[],
): Record<string, string> {
  const headers: Record<string, string> = {
    "AS2-Version": "1.2",
    "AS2-From": quoteId(as2.as2Id),
    "AS2-To": quoteId(to),
    "Message-ID": `<${newId("mdn_", as2.ctx.clock.now().getTime())}@${as2.as2Id.replace(/[^A-Za-z0-9.-]/g, "_")}>`,
    "AS2-Product": as2.product,
    Date: as2.ctx.clock.now().toUTCString(),
  };
  for (const header of mime) headers[header.name] = header.value;
  return headers;
}

export function quoteId(id: string): string {
  return /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(id) ? id : `"${id.replace(/["\\]/g, "\\$&")}"`;
}

function plain(status: number, text: string): As2Answer {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: Buffer.from(text) };
}

function first(value: string | readonly string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === "string" && text !== "" ? text : null;
}
