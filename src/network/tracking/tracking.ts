import { OpenVanError } from "../../kernel/index.js";
import type {
  AckItemRecord,
  DeliveryRecord,
  EventRecord,
  InterchangeRecord,
  MessageRecord,
  Page,
  TrackingFilter,
} from "../../storage/ports/index.js";
import type { Principal } from "../accounts/api-keys.js";
import type { NetworkContext } from "../network-context.js";

/** A message's whole story: what came in, how each interchange went, where it was delivered, every event. */
export interface MessageTimeline {
  readonly message: MessageRecord;
  readonly interchanges: readonly InterchangeRecord[];
  readonly deliveries: readonly DeliveryRecord[];
  readonly events: readonly EventRecord[];
  /** Where its interchanges, groups and sets stand with their acknowledgments (those that expect one). */
  readonly acknowledgments: readonly AckItemRecord[];
}

/**
 * The sender sees all of its message; a recipient sees the message's facts and what concerns its own
 * deliveries; anyone else gets NOT_FOUND (never "forbidden", which would confirm the id exists).
 */
export async function messageTimeline(
  ctx: NetworkContext,
  who: Principal,
  messageId: string,
): Promise<MessageTimeline> {
  const message = await ctx.store.messages.get(messageId);
  if (message === null) throw new OpenVanError("NOT_FOUND", `no message ${messageId}`);
  const deliveries = await ctx.store.deliveries.listByMessage(messageId);
  const admin = who.scope === "admin";
  const sender = message.accountId === who.accountId;
  const own = deliveries.filter((d) => d.recipientAccountId === who.accountId);
  if (!admin && !sender && own.length === 0) throw new OpenVanError("NOT_FOUND", `no message ${messageId}`);
  const all = admin || sender;
  const interchanges = (await ctx.store.interchanges.listByMessage(messageId)).filter(
    (i) => all || own.some((d) => d.interchangeId === i.id),
  );
  const ownInterchanges = new Set(interchanges.map((i) => i.id));
  const ownDeliveries = new Set(own.map((d) => d.id));
  // A recipient sees the message's own events and those of its interchanges and deliveries, not those of
  // interchanges that went to other accounts.
  const events = (await ctx.store.events.listByMessage(messageId)).filter(
    (e) =>
      all ||
      (e.deliveryId === null
        ? e.interchangeId === null || ownInterchanges.has(e.interchangeId)
        : ownDeliveries.has(e.deliveryId)),
  );
  const acknowledgments: AckItemRecord[] = [];
  for (const interchange of interchanges)
    acknowledgments.push(...(await ctx.store.ackItems.listByInterchange(interchange.id)));
  return { message, interchanges, deliveries: all ? deliveries : own, events, acknowledgments };
}

/** Searches what the principal's account sent or received (everything for the admin scope). */
export function searchTracking(
  ctx: NetworkContext,
  who: Principal,
  filter: Omit<TrackingFilter, "accountId">,
  after: string | null,
  limit: number,
): Promise<Page<InterchangeRecord>> {
  const scoped: TrackingFilter = who.scope === "admin" ? filter : { ...filter, accountId: who.accountId };
  return ctx.store.tracking.search(scoped, after, Math.min(Math.max(limit, 1), 500));
}
