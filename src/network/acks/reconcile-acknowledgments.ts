import { type AckAnswer, formatParty, readAcknowledgments } from "../../edi/index.js";
import type {
  AckItemRecord,
  AckItemState,
  JobRecord,
  MetadataRepositories,
} from "../../storage/ports/index.js";
import type { StagedJobHandler } from "../jobs/job-handler.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { allItemStates, interchangeStateOf, itemStateOf } from "./item-states.js";
import { readRange } from "./read-range.js";

/** An acknowledgment interchange that was routed, with what it says. */
export interface ArrivedAcknowledgments {
  readonly messageId: string;
  readonly interchangeId: string;
  readonly accountId: string;
  readonly answers: readonly AckAnswer[];
}

/**
 * The "reconcile" job: reads the acknowledgments of an interchange that was routed (TA1, 997, 999, CONTRL)
 * and moves the outbound interchanges, groups and sets they answer to `acknowledged`, `accepted_with_errors`
 * or `rejected`, with an event for each interchange. It reads outside any transaction and writes in the
 * runner's; an item already in the state an answer gives is left alone, so running it again changes nothing.
 */
export function reconcileJobHandler(
  ctx: NetworkContext,
): StagedJobHandler<ArrivedAcknowledgments | null, number> {
  return {
    prepare: (job) => readArrived(ctx, job),
    apply: async (tx, arrived) => (arrived === null ? 0 : reconcile(ctx, tx, arrived)),
  };
}

async function readArrived(ctx: NetworkContext, job: JobRecord): Promise<ArrivedAcknowledgments | null> {
  const messageId = String(job.payload.messageId);
  const interchangeId = String(job.payload.interchangeId);
  const message = await ctx.store.messages.get(messageId);
  const interchange = (await ctx.store.interchanges.listByMessage(messageId)).find(
    (i) => i.id === interchangeId,
  );
  if (message === null || interchange === undefined) return null;
  const bytes = await readRange(ctx.blobs, message.blobKey, interchange.rangeStart, interchange.rangeEnd);
  return { messageId, interchangeId, accountId: message.accountId, answers: readAcknowledgments(bytes) };
}

/** Applies every answer; how many interchanges changed state. */
export async function reconcile(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  arrived: ArrivedAcknowledgments,
): Promise<number> {
  let changed = 0;
  for (const answer of arrived.answers) {
    const { answered, touched } = await reconcileAnswer(ctx, tx, arrived, answer);
    changed += touched.length;
    await recordEvent(
      tx,
      answered.length > 0 ? "acknowledgment.matched" : "acknowledgment.unmatched",
      ctx.clock.now().toISOString(),
      { messageId: arrived.messageId, interchangeId: arrived.interchangeId, accountId: arrived.accountId },
      {
        kind: answer.kind,
        control: answer.interchangeControl,
        groups: answer.groups.map((g) => g.control),
        answers: answered,
        changed: touched,
      },
    );
  }
  return changed;
}

/** The interchanges an answer matched, and those whose state it changed (none when it came before). */
interface Outcome {
  readonly answered: readonly string[];
  readonly touched: readonly string[];
}

async function reconcileAnswer(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  arrived: ArrivedAcknowledgments,
  answer: AckAnswer,
): Promise<Outcome> {
  // The answer goes back the way the interchange came: its receiver is the original's sender.
  const sender = formatParty(answer.to);
  const receiver = formatParty(answer.from);
  const settle = settler(ctx, tx, arrived.interchangeId, answer.kind);
  const touched = new Set<string>();
  const answered = new Set<string>();
  if (answer.interchangeControl !== null) {
    const items = await tx.ackItems.findByInterchangeControl(sender, receiver, answer.interchangeControl);
    const head = items.find((i) => i.level === "interchange");
    if (head !== undefined) answered.add(head.interchangeId);
    for (const group of answer.groups) {
      const groupItem = items.find((i) => i.level === "group" && i.groupControl === group.control);
      if (groupItem !== undefined) await settle(groupItem, itemStateOf(group.status));
      for (const set of group.sets) {
        const setItem = items.find(
          (i) =>
            i.level === "set" && i.groupControl === (group.control ?? "") && i.setControl === set.control,
        );
        if (setItem !== undefined) await settle(setItem, itemStateOf(set.status));
      }
    }
    if (head !== undefined && answer.status !== null && (await settle(head, itemStateOf(answer.status))))
      touched.add(head.interchangeId);
    return { answered: [...answered], touched: [...touched] };
  }
  for (const group of answer.groups) {
    if (group.control === null || group.functionalId === null) continue;
    const items = await tx.ackItems.findByGroupControl(sender, receiver, group.control, group.functionalId);
    const groupItem = items.find((i) => i.level === "group");
    if (groupItem === undefined) continue;
    answered.add(groupItem.interchangeId);
    await settle(groupItem, itemStateOf(group.status));
    for (const set of group.sets) {
      const setItem = items.find((i) => i.level === "set" && i.setControl === set.control);
      if (setItem !== undefined) await settle(setItem, itemStateOf(set.status));
    }
    // The interchange is answered once all of its groups are.
    const all = await tx.ackItems.listByInterchange(groupItem.interchangeId);
    const head = all.find((i) => i.level === "interchange");
    const state = interchangeStateOf(all.filter((i) => i.level === "group").map((i) => i.state));
    if (head !== undefined && state !== null && (await settle(head, state))) touched.add(head.interchangeId);
  }
  return { answered: [...answered], touched: [...touched] };
}

/**
 * Settles one item by this acknowledgment: its new state, the answering interchange, and for an interchange
 * its record's state and an event. False when the item stands as the acknowledgment says already.
 */
function settler(ctx: NetworkContext, tx: MetadataRepositories, ackInterchangeId: string, kind: string) {
  return async (item: AckItemRecord, state: AckItemState): Promise<boolean> => {
    // An answer that says what the item already says (this one run again, or a partner's resend) changes nothing.
    if (state === "awaiting" || item.state === state) return false;
    const at = ctx.clock.now().toISOString();
    const detail = `${kind.toUpperCase()} in interchange ${ackInterchangeId}`;
    if (!(await tx.ackItems.settle(item.id, allItemStates, state, { ackInterchangeId, detail, at })))
      return false;
    if (item.level !== "interchange") return true;
    await tx.interchanges.setState(
      item.interchangeId,
      state,
      `${state.replaceAll("_", " ")} by the ${detail}`,
    );
    await recordEvent(
      tx,
      `interchange.${state}`,
      at,
      { messageId: item.messageId, interchangeId: item.interchangeId, accountId: item.accountId },
      { kind, ackInterchangeId, control: item.interchangeControl },
    );
    return true;
  };
}
