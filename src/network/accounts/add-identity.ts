import { newId } from "../../kernel/index.js";
import type { IdentityRecord } from "../../storage/ports/index.js";
import { parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { accountOrNotFound } from "./account-or-not-found.js";
import { forgetIdentity } from "./identity-directory.js";

/** Gives an account an address on the network; an address belongs to one account only. */
export async function addIdentity(
  ctx: NetworkContext,
  accountId: string,
  address: string,
): Promise<IdentityRecord> {
  const { qualifier, value } = parseIdentityAddress(address);
  const identity: IdentityRecord = {
    id: newId("idn_"),
    accountId,
    qualifier,
    value,
    createdAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, accountId);
    await tx.identities.insert(identity);
    await recordEvent(tx, "identity.added", identity.createdAt, { accountId }, { identity: address });
  });
  forgetIdentity(ctx, qualifier, value);
  return identity;
}
