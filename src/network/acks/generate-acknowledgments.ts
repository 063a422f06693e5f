import { createHash } from "node:crypto";
import { type AckReport, EdiReader, writeInterchange } from "../../edi/index.js";
import { newId } from "../../kernel/index.js";
import type {
  AckItemRecord,
  GeneratedAckKind,
  GeneratedAckRecord,
  InterchangeRecord,
  JobRecord,
  MessageRecord,
} from "../../storage/ports/index.js";
import { partnerGuideSet } from "../guides/partner-guide-cache.js";
import { insertReceivedMessage } from "../ingest/insert-received-message.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { EnvelopeCollector } from "../routing/envelope-collector.js";
import { ediRoutingUnits } from "../routing/routing-units.js";
import { groupItemId, interchangeItemId, setItemId } from "./ack-item-ids.js";
import { type AckJob, ackJobFrom } from "./ack-job-payload.js";
import { isAckDocType } from "./acknowledgment-kinds.js";
import { acknowledgmentReports } from "./acknowledgment-reports.js";
import { generatedAckChannel } from "./plan-acknowledgments.js";
import { readRange } from "./read-range.js";
import { rejectWholeGroups } from "./reject-whole-groups.js";
import { functionalKind, rendererOf } from "./render-acknowledgment.js";
import { countingControlNumbers, reservedControlNumbers } from "./reserved-control-numbers.js";

/**
 * The "ack" job: reads an interchange that was routed, records its groups and sets as awaiting their answer,
 * and generates the acknowledgments its sender's profile asked for, each stored as a new message from the
 * interchange's receiver to its sender and routed like any other (so it is delivered, tracked and metered).
 *
 * A worker may die at any line, so each acknowledgment goes in two steps: a reservation (its message id,
 * control numbers and time, in one transaction) that a retry finds again and renders into the very same
 * bytes; then the message, its route job and the reservation's `sent` mark in one transaction. A retry after
 * that finds it sent and leaves it.
 */
export function ackJobHandler(ctx: NetworkContext): (job: JobRecord) => Promise<void> {
  return async (job) => {
    await generateAcknowledgments(ctx, ackJobFrom(job.payload));
  };
}

export async function generateAcknowledgments(ctx: NetworkContext, job: AckJob): Promise<void> {
  const message = await ctx.store.messages.get(job.messageId);
  const interchange = (await ctx.store.interchanges.listByMessage(job.messageId)).find(
    (i) => i.id === job.interchangeId,
  );
  if (message === null || interchange === undefined) return;
  const bytes = await readRange(ctx.blobs, message.blobKey, interchange.rangeStart, interchange.rangeEnd);
  // The receiving account's guides for this sender, layered over the built-ins.
  const guides = await partnerGuideSet(ctx, job.acknowledgingAccountId, interchange.sender);
  const [found] = acknowledgmentReports(bytes, guides);
  if (found === undefined) return;
  const report = job.rejectGroupOnSetError ? rejectWholeGroups(found) : found;
  await recordAwaitedParts(ctx, interchange, report);
  const kinds: GeneratedAckKind[] = [];
  if (job.ta1) kinds.push("ta1");
  const functional = functionalKind(job.functional, report);
  if (functional !== null) kinds.push(functional);
  if (job.contrl) kinds.push("contrl");
  for (const kind of kinds) await generateOne(ctx, job, message, interchange, report, kind);
}

/** The groups and sets of an interchange that awaits its answer, so that a 997 / 999 / CONTRL finds them. */
async function recordAwaitedParts(
  ctx: NetworkContext,
  interchange: InterchangeRecord,
  report: AckReport,
): Promise<void> {
  const head = await ctx.store.ackItems.get(interchangeItemId(interchange.id));
  if (head === null) return;
  const items: AckItemRecord[] = [];
  const part = (
    id: string,
    level: "group" | "set",
    groupControl: string,
    setControl: string,
    docType: string,
  ): AckItemRecord => ({
    ...head,
    id,
    level,
    groupControl,
    setControl,
    docType,
    dueAt: null,
  });
  report.groups.forEach(({ group, sets: setReports }, g) => {
    const sets = setReports.map((r) => r.set).filter((set) => !isAckDocType(set.id));
    if (sets.length === 0) return;
    const groupControl = group.control ?? "";
    if (group.id !== null)
      items.push(part(groupItemId(interchange.id, g), "group", groupControl, "", group.id));
    sets.forEach((set, s) => {
      items.push(part(setItemId(interchange.id, g, s), "set", groupControl, set.control, set.id));
    });
  });
  if (items.length > 0) await ctx.store.ackItems.insertMany(items);
}

async function generateOne(
  ctx: NetworkContext,
  job: AckJob,
  original: MessageRecord,
  interchange: InterchangeRecord,
  report: AckReport,
  kind: GeneratedAckKind,
): Promise<void> {
  const render = rendererOf(kind);
  const dryRun = countingControlNumbers();
  if (render(report, dryRun.source, ctx.clock.now()) === null) return;
  const reservation = await ctx.store.transaction(async (tx) => {
    const earlier = (await tx.generatedAcks.listByInterchange(interchange.id)).find((a) => a.kind === kind);
    if (earlier !== undefined) return earlier;
    // Per acknowledging identity and envelope level: the numbers this identity's acknowledgments carry.
    const scope = (level: string): string => `ack:${interchange.receiver}:${level}`;
    const reserve = async (level: "interchange" | "group" | "set"): Promise<number> =>
      dryRun.counts[level] === 0 ? 1 : tx.controlNumbers.reserve(scope(level), dryRun.counts[level]);
    const now = ctx.clock.now();
    const ack: GeneratedAckRecord = {
      interchangeId: interchange.id,
      kind,
      messageId: newId("msg_", now.getTime()),
      controls: {
        interchange: await reserve("interchange"),
        group: await reserve("group"),
        set: await reserve("set"),
      },
      generatedAt: now.toISOString(),
      state: "reserved",
    };
    return tx.generatedAcks.reserve(ack);
  });
  if (reservation.state === "sent") return;
  const json = render(
    report,
    reservedControlNumbers(reservation.controls),
    new Date(reservation.generatedAt),
  );
  if (json === null) return;
  const bytes = writeInterchange(json);
  // A small acknowledgment's bytes are committed with its message (deferSmall), so that no crash leaves them
  // without it.
  const blob = await ctx.blobs.put(
    (async function* () {
      yield bytes;
    })(),
    { deferSmall: true },
  );
  const collector = new EnvelopeCollector();
  const reader = new EdiReader(collector);
  reader.write(bytes);
  reader.end();
  const units = ediRoutingUnits(collector.summaries() ?? [], bytes.length);
  const ackMessage: MessageRecord = {
    id: reservation.messageId,
    accountId: job.acknowledgingAccountId,
    channel: generatedAckChannel,
    blobKey: blob.key,
    size: blob.size,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    format: interchange.standard,
    filename: null,
    toIdentity: null,
    idempotencyKey: null,
    state: "received",
    reason: null,
    receivedAt: ctx.clock.now().toISOString(),
  };
  let stored = false;
  try {
    stored = await ctx.store.transaction(async (tx) => {
      if (!(await tx.generatedAcks.markSent(interchange.id, kind))) return false;
      await blob.commitIn?.(tx);
      await insertReceivedMessage(ctx, tx, ackMessage, units);
      await recordEvent(
        tx,
        "interchange.ack_generated",
        ackMessage.receivedAt,
        { messageId: original.id, interchangeId: interchange.id, accountId: original.accountId },
        { kind, ackMessageId: ackMessage.id, status: report.status },
      );
      return true;
    });
  } finally {
    // Sent before (a retried job), or the transaction failed: these bytes belong to no message.
    if (!stored) await ctx.blobs.delete(blob.key);
  }
}
