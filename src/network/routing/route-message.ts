import { newId } from "../../kernel/index.js";
import type {
  EventRecord,
  InterchangeRecord,
  InterchangeState,
  MessageRecord,
  MessageState,
  MetadataRepositories,
  UsageRecord,
} from "../../storage/ports/index.js";
import { lookUpIdentity } from "../accounts/identity-directory.js";
import { generatedAckChannel, planAcknowledgments } from "../acks/plan-acknowledgments.js";
import { watchInboundControl } from "../control-numbers/watch-inbound-control.js";
import { placeDelivery } from "../delivery/place-delivery.js";
import { parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { readEnvelopes } from "./read-envelopes.js";
import { ediRoutingUnits, fileRoutingUnit, type RoutingUnit } from "./routing-units.js";

/** What routing a message needs, read before its transaction: the units to route. */
export interface RouteInput {
  readonly messageId: string;
  readonly units: readonly RoutingUnit[];
}

/**
 * The route job: splits a received message into interchanges and, for each, checks the sender, detects a
 * duplicate, looks the receiver up in the directory and puts a delivery in the receiver's mailbox — all in one
 * transaction with the usage records and events. It may run again after a crash: a message already routed is
 * left as it is. `known`: the message's units as ingest read them, if it did.
 */
export async function routeMessage(
  ctx: NetworkContext,
  messageId: string,
  known: readonly RoutingUnit[] | null = null,
): Promise<void> {
  const input = await readRouteInput(ctx, messageId, known);
  if (input !== null) await ctx.store.transaction((tx) => applyRoute(ctx, tx, input));
}

/**
 * The reading half of routing, outside any transaction: the units of the message, as ingest read them while
 * the bytes streamed in (`known`), or else from the stored message (its envelopes streamed from the blob
 * store). Null when the message is gone or no longer waiting to be routed.
 */
export async function readRouteInput(
  ctx: NetworkContext,
  messageId: string,
  known: readonly RoutingUnit[] | null = null,
): Promise<RouteInput | null> {
  if (known !== null) return { messageId, units: known };
  const message = await ctx.store.messages.get(messageId);
  if (message === null || message.state !== "received") return null;
  const units =
    message.format === "file"
      ? [await fileRoutingUnit(ctx, message)]
      : ediRoutingUnits(await readEnvelopes(ctx.blobs, message.blobKey), message.size);
  return { messageId, units };
}

/**
 * The writing half of routing, in the caller's transaction: interchanges, deliveries, usage, events and the
 * message's new state. Returns the interchanges' states; none when the message is gone or was routed already.
 */
export async function applyRoute(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  { messageId, units }: RouteInput,
): Promise<readonly InterchangeState[]> {
  // Compare-and-set before any write, reading the message in the same statement: of two routings of one
  // message at once, only one moves it on from `received`; the other (on PostgreSQL it waits here for the
  // first to commit) writes nothing. A message gone or routed already is left as it is.
  const message = await tx.messages.transitionReturning(messageId, "received", "routed", null);
  if (message === null) return [];
  return routeClaimed(ctx, tx, message, units);
}

/**
 * Routes a message this transaction has already moved to `routed` (by the compare-and-set above, or by
 * storing it so at ingest): interchanges, deliveries, usage, events, and the message's state when it is not
 * `routed` after all.
 */
export async function routeClaimed(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  units: readonly RoutingUnit[],
  earlierEvents: readonly Omit<EventRecord, "id">[] = [],
): Promise<readonly InterchangeState[]> {
  // The events and usage records of the routing (after `earlierEvents`, the caller's own) are written together
  // at its end, a statement each instead of one per row; nothing in routing reads them back before then.
  const events: Omit<EventRecord, "id">[] = [...earlierEvents];
  const usages: UsageRecord[] = [];
  const writes: MetadataRepositories = {
    ...tx,
    events: {
      ...tx.events,
      append: async (event) => {
        events.push(event);
      },
    },
    usage: {
      ...tx.usage,
      record: async (usage) => {
        usages.push(usage);
      },
    },
  };
  const states: InterchangeState[] = [];
  for (const [position, unit] of units.entries())
    states.push(await routeUnit(ctx, writes, message, unit, position));
  const state = messageState(states);
  const at = ctx.clock.now().toISOString();
  // `routed` with no reason is written already: only another outcome is written again.
  if (state !== "routed") {
    await tx.messages.setState(
      message.id,
      state,
      `${states.filter((s) => s !== "routed").length} of ${states.length} not routed`,
    );
  }
  await recordEvent(
    writes,
    `message.${state}`,
    at,
    { messageId: message.id, accountId: message.accountId },
    { interchanges: states.length },
  );
  if (usages.length > 0) await tx.usage.recordMany(usages);
  await tx.events.appendMany(events);
  return states;
}

async function routeUnit(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  unit: RoutingUnit,
  position: number,
): Promise<InterchangeState> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const verdict = await decide(ctx, tx, message, unit, now, position);
  const record: InterchangeRecord = {
    id: newId("ich_", now.getTime()),
    messageId: message.id,
    position,
    standard: unit.standard,
    sender: unit.sender ?? "",
    receiver: unit.receiver,
    control: unit.control,
    version: unit.version,
    rangeStart: unit.rangeStart,
    rangeEnd: unit.rangeEnd,
    docTypes: unit.docTypes,
    setCount: unit.setCount,
    state: verdict.state,
    reason: verdict.reason,
    createdAt: at,
  };
  await tx.interchanges.insert(record);
  await watchInboundControl(ctx, tx, message, record, verdict.recipientAccountId);
  const subject = { messageId: message.id, interchangeId: record.id, accountId: message.accountId };
  const details = {
    sender: record.sender,
    receiver: record.receiver,
    control: record.control,
    warnings: unit.warnings,
  };
  if (verdict.recipientAccountId === null) {
    await recordEvent(tx, `interchange.${verdict.state}`, at, subject, {
      ...details,
      reason: verdict.reason,
    });
    return verdict.state;
  }
  await recordEvent(tx, "interchange.accepted", at, subject, details);
  // To the mailbox, or pushed to the recipient's endpoint (see placeDelivery).
  const delivery = await placeDelivery(
    ctx,
    tx,
    {
      id: newId("dlv_", now.getTime()),
      messageId: message.id,
      interchangeId: record.id,
      senderAccountId: message.accountId,
      recipientAccountId: verdict.recipientAccountId,
      fromIdentity: record.sender,
      toIdentity: record.receiver,
      blobKey: message.blobKey,
      rangeStart: unit.rangeStart,
      rangeEnd: unit.rangeEnd,
      format: message.format,
      docTypes: unit.docTypes,
      createdAt: at,
      pickedUpAt: null,
      expiresAt: new Date(now.getTime() + ctx.settings.retentionMs).toISOString(),
    },
    subject,
  );
  const bytes = unit.rangeEnd - unit.rangeStart;
  for (const accountId of new Set([message.accountId, delivery.recipientAccountId])) {
    await tx.usage.record({
      accountId,
      messageId: message.id,
      serviceLine: "van",
      kilocharacters: Math.ceil(bytes / 1000),
      documents: unit.setCount,
      bytes,
      at,
    });
  }
  await planAcknowledgments(
    ctx,
    tx,
    message,
    record,
    unit.ackRequested ?? false,
    delivery.recipientAccountId,
  );
  return "routed";
}

interface Verdict {
  readonly state: InterchangeState;
  readonly reason: string | null;
  readonly recipientAccountId: string | null;
}

async function decide(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  unit: RoutingUnit,
  now: Date,
  position: number,
): Promise<Verdict> {
  const refuse = (state: InterchangeState, reason: string): Verdict => ({
    state,
    reason,
    recipientAccountId: null,
  });
  if (unit.standard !== "file") {
    const sender = unit.sender === null ? null : parseIdentityAddress(unit.sender);
    const owner = sender === null ? null : await lookUpIdentity(ctx, tx, sender.qualifier, sender.value);
    if (owner === null || owner.accountId !== message.accountId) {
      return refuse(
        "rejected",
        `the sender ${unit.sender} in the envelope is not an identity of the sending account`,
      );
    }
    const since = new Date(now.getTime() - ctx.settings.duplicateWindowMs).toISOString();
    // A claim on a unique key, not a search: of two nodes routing the same interchange at once, the second
    // waits for the first's transaction and then sees its claim.
    // The network's own acknowledgments carry numbers of its sequences, not of the sender's: claiming them
    // would collide with the control numbers of the sender's own interchanges.
    const earlier =
      message.channel === generatedAckChannel
        ? null
        : await tx.interchanges.claimControl(
            {
              sender: unit.sender ?? "",
              receiver: unit.receiver,
              control: unit.control,
              messageId: message.id,
              position,
              at: now.toISOString(),
            },
            since,
          );
    if (earlier !== null) {
      return refuse(
        "duplicate",
        `duplicate of interchange ${earlier.interchangeId ?? "(removed)"} (message ${earlier.messageId}): same sender, receiver and control number ${unit.control}`,
      );
    }
  }
  const receiver = parseIdentityAddress(unit.receiver);
  const target = await lookUpIdentity(ctx, tx, receiver.qualifier, receiver.value);
  if (target === null)
    return refuse("unroutable", `no account on this network owns the receiver ${unit.receiver}`);
  return { state: "routed", reason: null, recipientAccountId: target.accountId };
}

function messageState(states: readonly InterchangeState[]): MessageState {
  const routed = states.filter((s) => s === "routed").length;
  if (states.length > 0 && routed === states.length) return "routed";
  if (routed > 0) return "partially_routed";
  return states.length > 0 && states.every((s) => s === "unroutable") ? "unroutable" : "rejected";
}
