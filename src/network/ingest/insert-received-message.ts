import type {
  EventRecord,
  InterchangeState,
  MessageRecord,
  MetadataRepositories,
} from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { NetworkContext } from "../network-context.js";
import { eventRecord } from "../record-event.js";
import { type RouteJob, routeJobPayload } from "../routing/route-job-payload.js";
import { routeClaimed } from "../routing/route-message.js";
import type { RoutingUnit } from "../routing/routing-units.js";

/**
 * Stores a message the network takes in, in the caller's transaction: the message, its route job (carrying
 * the routing units when they were read on the way in, so that routing need not read again) and its
 * `message.received` event.
 */
export async function insertReceivedMessage(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  units: RouteJob["units"],
): Promise<void> {
  await tx.messages.insert(message);
  await enqueueJob(ctx, tx, "route", routeJobPayload({ messageId: message.id, units }));
  await tx.events.append(receivedEvent(message));
}

/**
 * Stores a message the network takes in and routes it, all in the caller's transaction, when its envelopes
 * were read on the way in: the message is stored as `routed` and routing writes the rest (no route job, no
 * second transaction). Returns the interchanges' states.
 */
export async function insertAndRouteMessage(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  units: readonly RoutingUnit[],
): Promise<readonly InterchangeState[]> {
  const routed: MessageRecord = { ...message, state: "routed" };
  await tx.messages.insert(routed);
  // Its `message.received` event is written with routing's events, in one statement.
  return routeClaimed(ctx, tx, routed, units, [receivedEvent(message)]);
}

function receivedEvent(message: MessageRecord): Omit<EventRecord, "id"> {
  return eventRecord(
    "message.received",
    message.receivedAt,
    { messageId: message.id, accountId: message.accountId },
    { channel: message.channel, size: message.size, sha256: message.sha256, format: message.format },
  );
}
