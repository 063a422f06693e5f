import { describe, expect, it } from "vitest";
import { orderBody, x12Document } from "../../../test/support/ack-documents.js";
import { backends, openBackendNetwork } from "../../../test/support/backend-network.js";
import { bodyOf, useTradingPairOn } from "../../../test/support/temp-network.js";
import { receiveMessage } from "../ingest/receive-message.js";
import { routeMessage } from "./route-message.js";

/**
 * routeMessage called twice at once for one message (two workers, or a retried job beside the first): the
 * message moves on from `received` by a compare-and-set, so only one routing writes anything.
 */
describe.each(backends)("routing one message twice at once on %s", (backend) => {
  const pair = useTradingPairOn(() => openBackendNetwork(backend));

  it("delivers once", async () => {
    const ids: string[] = [];
    for (let control = 1; control <= 5; control++) {
      const bytes = x12Document({ control, sets: [{ control: "0001", body: orderBody }] });
      const verdict = await receiveMessage(pair.net.ctx, {
        accountId: pair.acme,
        channel: "api",
        body: bodyOf(bytes),
      });
      if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
      ids.push(verdict.messageId);
    }
    // Read from the stored message (no units handed over), as a worker picking the job up again would.
    await Promise.all(ids.flatMap((id) => [routeMessage(pair.net.ctx, id), routeMessage(pair.net.ctx, id)]));
    for (const id of ids) {
      expect(await pair.net.ctx.store.deliveries.listByMessage(id)).toHaveLength(1);
      expect(await pair.net.ctx.store.interchanges.listByMessage(id)).toHaveLength(1);
      expect((await pair.net.ctx.store.messages.get(id))?.state).toBe("routed");
    }
  });
});
