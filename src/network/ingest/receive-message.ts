import type { EdiError } from "../../edi/index.js";
import { newId, OpenVanError } from "../../kernel/index.js";
import type { InterchangeState, MessageRecord, MetadataRepositories } from "../../storage/ports/index.js";
import { formatIdentityAddress, parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { carriedUnitsLimit } from "../routing/route-job-payload.js";
import { ediRoutingUnits } from "../routing/routing-units.js";
import { EnvelopeWatch } from "./envelope-watch.js";
import { insertAndRouteMessage, insertReceivedMessage } from "./insert-received-message.js";

export interface IncomingMessage {
  readonly accountId: string;
  /** The channel it came in on: `api`, `sftp`, `as2`. */
  readonly channel: string;
  readonly body: AsyncIterable<Uint8Array>;
  /** Explicit recipient `QUAL:ID`; required for a file that is not X12 or EDIFACT. */
  readonly to?: string | null;
  readonly filename?: string | null;
  /** A client's key for safe retries: the same key returns the first message's id. */
  readonly idempotencyKey?: string | null;
}

/**
 * The verdict on a message. `accepted` means durable: the bytes and the message record with its route job are
 * committed. `rejected` is permanent and nothing is kept. Storage failures throw (transient: retry later).
 */
export type ReceiveVerdict =
  | {
      readonly kind: "accepted";
      readonly messageId: string;
      readonly replay: boolean;
      readonly format: string;
    }
  | { readonly kind: "rejected"; readonly error: OpenVanError; readonly ediErrors: readonly EdiError[] };

export async function receiveMessage(
  ctx: NetworkContext,
  incoming: IncomingMessage,
): Promise<ReceiveVerdict> {
  const verdict = await receive(ctx, incoming);
  ctx.received?.(incoming.channel, verdict);
  return verdict;
}

async function receive(ctx: NetworkContext, incoming: IncomingMessage): Promise<ReceiveVerdict> {
  let to: string | null = null;
  try {
    to = incoming.to ? formatIdentityAddress(parseIdentityAddress(incoming.to)) : null;
  } catch (error) {
    if (error instanceof OpenVanError) return { kind: "rejected", error, ediErrors: [] };
    throw error;
  }
  const key = incoming.idempotencyKey?.trim() || null;
  if (key !== null) {
    const earlier = await ctx.store.messages.findByIdempotencyKey(incoming.accountId, key);
    if (earlier !== null)
      return { kind: "accepted", messageId: earlier.id, replay: true, format: earlier.format };
  }
  const watch = new EnvelopeWatch(carriedUnitsLimit);
  // A small message's bytes are committed with its records, in the same transaction (when the blob store
  // keeps small blobs in the database): one commit per message instead of two.
  const blob = await ctx.blobs.put(watch.watch(incoming.body), {
    maxBytes: ctx.settings.maxMessageBytes,
    deferSmall: true,
  });
  /** Removes the bytes of a message that will not be kept; a deferred blob was never written. */
  const discard = async (): Promise<void> => {
    if (blob.commitIn === undefined) await ctx.blobs.delete(blob.key);
  };
  const seen = watch.outcome();
  const refuse = async (
    error: OpenVanError,
    ediErrors: readonly EdiError[] = [],
  ): Promise<ReceiveVerdict> => {
    await discard();
    return { kind: "rejected", error, ediErrors };
  };
  if (blob.size === 0) return refuse(new OpenVanError("MESSAGE_EMPTY", "the message has no bytes"));
  if (seen.format === "file" && to === null) {
    return refuse(
      new OpenVanError(
        "MESSAGE_RECIPIENT_REQUIRED",
        "this file is not X12 or EDIFACT, so it needs an explicit recipient (X-OpenVAN-To: QUAL:ID)",
      ),
    );
  }
  const first = seen.fatal[0];
  if (first !== undefined) {
    return refuse(
      new OpenVanError("MESSAGE_EDI_INVALID", `${first.code} at byte ${first.offset}: ${first.message}`),
      seen.fatal,
    );
  }
  const now = ctx.clock.now();
  if (key === null) {
    const since = new Date(now.getTime() - ctx.settings.resendWindowMs).toISOString();
    const resent = await ctx.store.messages.findRecentByHash(incoming.accountId, blob.sha256, since);
    if (resent !== null) {
      await discard();
      return { kind: "accepted", messageId: resent.id, replay: true, format: resent.format };
    }
  }
  const message: MessageRecord = {
    id: newId("msg_", now.getTime()),
    accountId: incoming.accountId,
    channel: incoming.channel,
    blobKey: blob.key,
    size: blob.size,
    sha256: blob.sha256,
    format: seen.format,
    filename: incoming.filename ?? null,
    toIdentity: to,
    idempotencyKey: key,
    state: "received",
    reason: null,
    receivedAt: now.toISOString(),
  };
  // The envelopes were read on the way in: the message is routed in the transaction that stores it. Should that
  // transaction fail (a fault of routing, or of another receive sharing the commit), the message is stored
  // with a route job instead, which routes it later and retries with backoff: routing never costs a sender
  // its "received".
  const units = seen.envelopes === null ? null : ediRoutingUnits(seen.envelopes, message.size);
  /** The work of the commit: routed at once (when the envelopes are known), or kept with a route job. */
  const store =
    (routeNow: boolean) =>
    async (tx: MetadataRepositories): Promise<readonly InterchangeState[] | null> => {
      await blob.commitIn?.(tx);
      if (routeNow && units !== null) return insertAndRouteMessage(ctx, tx, message, units);
      await insertReceivedMessage(ctx, tx, message, units);
      return null;
    };
  let states: readonly InterchangeState[] | null;
  try {
    // Shared with the receives under way at the same time: one commit for all, each told only once it is durable.
    states = await ctx.commits.run(store(true), store(false));
  } catch (error) {
    await discard();
    // Two sends with one idempotency key raced: the other one won, and its answer is ours.
    const winner =
      key === null ? null : await ctx.store.messages.findByIdempotencyKey(incoming.accountId, key);
    if (winner !== null)
      return { kind: "accepted", messageId: winner.id, replay: true, format: winner.format };
    throw error;
  }
  if (states !== null) ctx.routed?.(states);
  return { kind: "accepted", messageId: message.id, replay: false, format: message.format };
}
