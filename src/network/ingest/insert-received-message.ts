import type { MessageRecord, MetadataRepositories } from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { type RouteJob, routeJobPayload } from "../routing/route-job-payload.js";

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
  await recordEvent(
    tx,
    "message.received",
    message.receivedAt,
    { messageId: message.id, accountId: message.accountId },
    { channel: message.channel, size: message.size, sha256: message.sha256, format: message.format },
  );
}
