import type { DeliveryRecord, MetadataRepositories } from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { NetworkContext } from "../network-context.js";
import { notifyAccount } from "../notifications/notify-account.js";
import { deliverySubject, type EventSubject, recordEvent } from "../record-event.js";
import { recipientOutbound } from "./recipient-outbound.js";

/** A delivery as routing makes it; where it goes (mailbox or push) is decided here. */
export type DeliveryDraft = Omit<DeliveryRecord, "route" | "state">;

/**
 * Puts a routed interchange on its way, in routing's transaction: into the recipient's mailbox, or, when the
 * recipient has an active push endpoint, to that endpoint by a "push" job queued in the same transaction (so
 * that the delivery and its push exist together or not at all). Records `interchange.routed` and the
 * delivery's first state, and notifies the recipient of a new mailbox item when it asked for that.
 */
export async function placeDelivery(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  draft: DeliveryDraft,
  subject: EventSubject,
): Promise<DeliveryRecord> {
  const { endpoint, notifies } = await recipientOutbound(ctx, tx, draft.recipientAccountId);
  const delivery: DeliveryRecord =
    endpoint === null
      ? { ...draft, route: "mailbox", state: "in_mailbox" }
      : { ...draft, route: endpoint.kind, state: "pushing" };
  await tx.deliveries.insert(delivery);
  const at = delivery.createdAt;
  await recordEvent(tx, "interchange.routed", at, subject, {
    recipientAccountId: delivery.recipientAccountId,
    deliveryId: delivery.id,
  });
  const deliveryEvent = { ...subject, deliveryId: delivery.id, accountId: delivery.recipientAccountId };
  if (endpoint !== null) {
    await recordEvent(tx, "delivery.pushing", at, deliveryEvent, {
      endpointId: endpoint.id,
      route: endpoint.kind,
    });
    await enqueueJob(ctx, tx, "push", { deliveryId: delivery.id });
    return delivery;
  }
  await recordEvent(tx, "delivery.in_mailbox", at, deliveryEvent);
  if (notifies.has("mailbox.item")) {
    await notifyAccount(ctx, tx, {
      accountId: delivery.recipientAccountId,
      type: "mailbox.item",
      subject: deliverySubject(delivery),
      detail: {
        from: delivery.fromIdentity,
        to: delivery.toIdentity,
        format: delivery.format,
        docTypes: delivery.docTypes,
        size: delivery.rangeEnd - delivery.rangeStart,
      },
    });
  }
  return delivery;
}
