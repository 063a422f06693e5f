import { newId, OpenVanError } from "../../../kernel/index.js";
import {
  type DeliveryTransport,
  findOutboundRefusal,
  type NetworkContext,
  type PushEndpoint,
  PushError,
  type PushReceipt,
} from "../../../network/index.js";
import type { As2MessageRecord, As2ProfileRecord, DeliveryRecord } from "../../../storage/ports/index.js";
import type { As2Context } from "../as2-context.js";
import { partnerOf } from "../profiles/as2-profiles.js";
import { quoteId } from "../receive/receive-as2.js";
import { type CipherName, digests, type KeyTransport, parseDigestName } from "../smime/algorithms.js";
import { buildSmime } from "../smime/build-smime.js";
import { checkMdn } from "./check-mdn.js";

const contentTypes: Readonly<Record<string, string>> = {
  x12: "application/edi-x12",
  edifact: "application/edifact",
};

/**
 * Pushes deliveries over AS2 to the partner of the endpoint's account: signed, encrypted and compressed as its
 * profile says, with a Message-ID derived from the delivery id (a retry is the same message to the partner),
 * and the MDN verified and its MIC compared. 4xx answers other than 408 fail at once; 5xx, 408 and no answer
 * are retried by the push job.
 */
export function as2Transport(as2: As2Context): DeliveryTransport {
  return {
    kind: "as2",
    async push(delivery, endpoint, content) {
      const profile = await profileFor(as2.ctx, endpoint);
      const url = typeof endpoint.settings.url === "string" ? endpoint.settings.url : profile.url;
      if (url === null) throw new PushError(`the AS2 profile ${profile.as2Id} has no URL to send to`, true);
      const messageId = `${delivery.id}@${as2.as2Id.replace(/[^A-Za-z0-9.-]/g, "_")}`;
      const earlier = await as2.ctx.store.as2.findMessage("out", profile.id, messageId);
      if (earlier?.mdnAt != null && earlier.disposition !== null) return receiptOf(earlier, profile);
      const partner = await partnerOf(as2.ctx, profile);
      if (profile.cipher !== null && partner.encryptTo === null) {
        throw new PushError(
          `the AS2 profile ${profile.as2Id} asks for encryption but has no certificate to encrypt to`,
          true,
        );
      }
      const payload = await readAll(await content());
      const signDigest = profile.signDigest === null ? null : parseDigestName(profile.signDigest);
      const built = buildSmime(
        {
          headers: [
            { name: "Content-Type", value: contentTypes[delivery.format] ?? "application/octet-stream" },
            { name: "Content-Transfer-Encoding", value: "binary" },
            {
              name: "Content-Disposition",
              value: `attachment; filename="${delivery.id}.${delivery.format === "file" ? "bin" : "edi"}"`,
            },
          ],
          body: payload,
        },
        {
          sign:
            signDigest === null ? null : { signer: (await as2.keys.current()).signer, digest: signDigest },
          encrypt:
            profile.cipher === null || partner.encryptTo === null
              ? null
              : {
                  recipient: partner.encryptTo,
                  cipher: profile.cipher as CipherName,
                  keyTransport: profile.keyTransport as KeyTransport,
                },
          compress: profile.compress,
          micDigest: signDigest ?? "sha256",
          at: as2.ctx.clock.now(),
        },
      );
      const now = as2.ctx.clock.now().toISOString();
      const base = as2.publicUrl();
      if (profile.mdn === "async" && base === null) {
        throw new PushError("an async MDN needs this network's public URL (OPENVAN_PUBLIC_URL)", false);
      }
      const asyncUrl = profile.mdn === "async" ? `${base}/as2/mdn` : null;
      if (earlier === null) {
        await as2.ctx.store.as2.insertMessage({
          id: newId("as2m_", as2.ctx.clock.now().getTime()),
          direction: "out",
          profileId: profile.id,
          messageId,
          openvanId: delivery.id,
          mic: built.mic,
          disposition: null,
          mdnHeaders: null,
          mdnBody: null,
          mdnUrl: asyncUrl,
          createdAt: now,
          mdnAt: null,
        });
      }
      const headers: Record<string, string> = {
        "AS2-Version": "1.2",
        "AS2-From": quoteId(as2.as2Id),
        "AS2-To": quoteId(profile.as2Id),
        "Message-ID": `<${messageId}>`,
        Subject: `OpenVAN delivery ${delivery.id}`,
        Date: new Date(now).toUTCString(),
        "MIME-Version": "1.0",
        "AS2-Product": as2.product,
        "User-Agent": as2.product,
        ...Object.fromEntries(built.headers.map((h) => [h.name, h.value])),
      };
      if (profile.mdn !== "none") {
        headers["Disposition-Notification-To"] = as2.as2Id;
        if (profile.mdnSigned) {
          const micalg = digests[signDigest ?? "sha256"].micalg;
          headers["Disposition-Notification-Options"] =
            `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, ${micalg}`;
        }
        if (asyncUrl !== null) headers["Receipt-Delivery-Option"] = asyncUrl;
      }
      const response = await post(as2, url, headers, built.body);
      if (profile.mdn !== "sync") {
        return {
          detail: {
            as2MessageId: messageId,
            mic: built.mic,
            mdn: profile.mdn === "async" ? "pending" : "none",
          },
        };
      }
      try {
        const mdn = await checkMdn(as2, partner, response, messageId, built.mic);
        return {
          detail: {
            as2MessageId: messageId,
            mic: mdn.mic,
            disposition: mdn.disposition,
            mdnSigned: mdn.signed,
          },
        };
      } catch (error) {
        if (error instanceof OpenVanError && error.code.startsWith("AS2_")) {
          throw new PushError(
            error.message,
            true,
            { as2Code: error.code, as2MessageId: messageId },
            { cause: error },
          );
        }
        throw error;
      }
    },
  };
}

async function profileFor(ctx: NetworkContext, endpoint: PushEndpoint): Promise<As2ProfileRecord> {
  const as2Id = endpoint.settings.as2Id;
  const profile =
    typeof as2Id === "string"
      ? await ctx.store.as2.findProfileByAs2Id(as2Id)
      : ((await ctx.store.as2.listProfiles(endpoint.accountId))[0] ?? null);
  if (profile === null || profile.accountId !== endpoint.accountId) {
    throw new PushError(
      `the account ${endpoint.accountId} has no AS2 profile${typeof as2Id === "string" ? ` "${as2Id}"` : ""} to send with`,
      true,
    );
  }
  return profile;
}

/**
 * POSTs the message; a 4xx other than 408 is permanent, anything else that is not 2xx is worth a retry. A URL
 * whose host is an address the network does not connect to fails with OUTBOUND_ADDRESS_REFUSED, permanent.
 */
async function post(
  as2: As2Context,
  url: string,
  headers: Record<string, string>,
  body: Uint8Array,
): Promise<Response> {
  let response: Response;
  try {
    response = await as2.fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(300_000) });
  } catch (error) {
    const refusal = findOutboundRefusal(error);
    if (refusal !== null) throw refusal;
    throw new PushError(
      `no answer from ${url}: ${(error as Error).message}`,
      false,
      { url },
      { cause: error },
    );
  }
  if (response.ok) return response;
  const text = (await response.text()).slice(0, 300);
  const permanent = response.status >= 400 && response.status < 500 && response.status !== 408;
  throw new PushError(`the AS2 server at ${url} answered HTTP ${response.status}: ${text}`, permanent, {
    url,
    status: response.status,
  });
}

function receiptOf(record: As2MessageRecord, profile: As2ProfileRecord): PushReceipt {
  return {
    detail: {
      as2MessageId: record.messageId,
      mic: record.mic,
      disposition: record.disposition,
      as2To: profile.as2Id,
    },
  };
}

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

export type { DeliveryRecord };
