import { OpenVanError } from "../../kernel/index.js";
import type { DeliveryRecord } from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { NetworkContext } from "../network-context.js";
import { deliverySubject, recordEvent } from "../record-event.js";

/** Who asks: an account (its own deliveries, sent or received) or the operator (admin scope). */
export interface Requester {
  readonly accountId: string;
  readonly scope: string;
}

/**
 * Pushes a delivery in state `push_failed` again (once the endpoint is fixed): back to `pushing`, with a new
 * push job whose attempts start from one. The delivery keeps its id, so the transports still see one delivery.
 */
export async function repushDelivery(
  ctx: NetworkContext,
  who: Requester,
  id: string,
): Promise<DeliveryRecord> {
  return ctx.store.transaction(async (tx) => {
    const delivery = await tx.deliveries.get(id);
    const visible =
      delivery !== null &&
      (who.scope === "admin" ||
        delivery.recipientAccountId === who.accountId ||
        delivery.senderAccountId === who.accountId);
    if (!visible) throw new OpenVanError("NOT_FOUND", `no delivery ${id}`);
    if (!(await tx.deliveries.transition(id, ["push_failed"], "pushing"))) {
      throw new OpenVanError(
        "DELIVERY_NOT_PUSH_FAILED",
        `delivery ${id} is ${delivery.state}; only a delivery in state push_failed can be pushed again`,
        { state: delivery.state },
      );
    }
    await recordEvent(tx, "delivery.repush", ctx.clock.now().toISOString(), deliverySubject(delivery), {
      requestedBy: who.accountId,
    });
    await enqueueJob(ctx, tx, "push", { deliveryId: id });
    return { ...delivery, state: "pushing" };
  });
}
