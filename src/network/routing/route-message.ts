import { newId } from "../../kernel/index.js";
import type {
  InterchangeRecord,
  InterchangeState,
  MessageRecord,
  MessageState,
  MetadataRepositories,
} from "../../storage/ports/index.js";
import { parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { type EnvelopeSummary, readEnvelopes } from "./read-envelopes.js";

/** One unit to route: an interchange of an EDI message, or the whole of a file. */
interface RoutingUnit {
  readonly standard: string;
  readonly sender: string | null;
  readonly receiver: string;
  readonly control: string;
  readonly version: string;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly docTypes: readonly string[];
  readonly setCount: number;
  readonly warnings: readonly string[];
}

/**
 * The route job: splits a received message into interchanges and, for each, checks the sender, detects a
 * duplicate, looks the receiver up in the directory and puts a delivery in the receiver's mailbox — all in one
 * transaction with the usage records and events. It may run again after a crash: a message already routed is
 * left as it is.
 */
export async function routeMessage(ctx: NetworkContext, messageId: string): Promise<void> {
  const message = await ctx.store.messages.get(messageId);
  if (message === null || message.state !== "received") return;
  const units =
    message.format === "file"
      ? [await fileUnit(ctx, message)]
      : wholeWhenAlone((await readEnvelopes(ctx.blobs, message.blobKey)).map(ediUnit), message.size);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.messages.get(messageId);
    if (current === null || current.state !== "received") return;
    const states: InterchangeState[] = [];
    for (const [position, unit] of units.entries())
      states.push(await routeUnit(ctx, tx, message, unit, position));
    const state = messageState(states);
    const at = ctx.clock.now().toISOString();
    await tx.messages.setState(
      message.id,
      state,
      state === "routed"
        ? null
        : `${states.filter((s) => s !== "routed").length} of ${states.length} not routed`,
    );
    await recordEvent(
      tx,
      `message.${state}`,
      at,
      { messageId: message.id, accountId: message.accountId },
      { interchanges: states.length },
    );
  });
}

function ediUnit(summary: EnvelopeSummary): RoutingUnit {
  const ic = summary.interchange;
  return {
    standard: ic.standard,
    sender: summary.sender,
    receiver: summary.receiver,
    control: ic.control,
    version: ic.version,
    rangeStart: ic.range.start,
    rangeEnd: ic.range.end,
    docTypes: summary.docTypes,
    setCount: summary.setCount,
    warnings: summary.errors.map((e) => `${e.code} at byte ${e.offset}`),
  };
}

/**
 * A message of one interchange is delivered whole, byte for byte as it was received (line ends or padding
 * around the envelope included); the interchanges of a larger message are delivered each on its own.
 */
function wholeWhenAlone(units: RoutingUnit[], size: number): RoutingUnit[] {
  const [only] = units;
  return units.length === 1 && only !== undefined ? [{ ...only, rangeStart: 0, rangeEnd: size }] : units;
}

async function fileUnit(ctx: NetworkContext, message: MessageRecord): Promise<RoutingUnit> {
  const own = await ctx.store.identities.listByAccount(message.accountId);
  const first = own[0];
  return {
    standard: "file",
    sender: first === undefined ? null : address(first.qualifier, first.value),
    receiver: message.toIdentity ?? "",
    control: message.id,
    version: "",
    rangeStart: 0,
    rangeEnd: message.size,
    docTypes: [],
    setCount: 0,
    warnings: [],
  };
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
  const verdict = await decide(ctx, tx, message, unit, now);
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
  const delivery = {
    id: newId("dlv_", now.getTime()),
    messageId: message.id,
    interchangeId: record.id,
    senderAccountId: message.accountId,
    recipientAccountId: verdict.recipientAccountId,
    fromIdentity: record.sender,
    toIdentity: record.receiver,
    route: "mailbox",
    blobKey: message.blobKey,
    rangeStart: unit.rangeStart,
    rangeEnd: unit.rangeEnd,
    format: message.format,
    docTypes: unit.docTypes,
    state: "in_mailbox" as const,
    createdAt: at,
    pickedUpAt: null,
    expiresAt: new Date(now.getTime() + ctx.settings.retentionMs).toISOString(),
  };
  await tx.deliveries.insert(delivery);
  await recordEvent(tx, "interchange.routed", at, subject, {
    recipientAccountId: delivery.recipientAccountId,
    deliveryId: delivery.id,
  });
  await recordEvent(tx, "delivery.in_mailbox", at, {
    ...subject,
    deliveryId: delivery.id,
    accountId: delivery.recipientAccountId,
  });
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
): Promise<Verdict> {
  const refuse = (state: InterchangeState, reason: string): Verdict => ({
    state,
    reason,
    recipientAccountId: null,
  });
  if (unit.standard !== "file") {
    const sender = unit.sender === null ? null : parseIdentityAddress(unit.sender);
    const owner = sender === null ? null : await tx.identities.findByAddress(sender.qualifier, sender.value);
    if (owner === null || owner.accountId !== message.accountId) {
      return refuse(
        "rejected",
        `the sender ${unit.sender} in the envelope is not an identity of the sending account`,
      );
    }
    const since = new Date(now.getTime() - ctx.settings.duplicateWindowMs).toISOString();
    const earlier = await tx.interchanges.findDuplicate(
      unit.sender ?? "",
      unit.receiver,
      unit.control,
      since,
      message.id,
    );
    if (earlier !== null) {
      return refuse(
        "duplicate",
        `duplicate of interchange ${earlier.id} (message ${earlier.messageId}): same sender, receiver and control number ${unit.control}`,
      );
    }
  }
  const receiver = parseIdentityAddress(unit.receiver);
  const target = await tx.identities.findByAddress(receiver.qualifier, receiver.value);
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

function address(qualifier: string, value: string): string {
  return qualifier === "" ? value : `${qualifier}:${value}`;
}
