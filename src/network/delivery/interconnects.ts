import { newId, OpenVanError } from "../../kernel/index.js";
import type { AccountRecord, InterconnectRecord, PushEndpointRecord } from "../../storage/ports/index.js";
import { forgetIdentity } from "../accounts/identity-directory.js";
import { parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { insertPushEndpoint, type PushEndpointInput } from "./push-endpoints.js";
import { forgetRecipientOutbound } from "./recipient-outbound.js";

export interface InterconnectInput {
  /** The account's name on this network, e.g. "Network B". */
  readonly name: string;
  /** The other network, as the operator calls it. */
  readonly network: string;
  /** Identities hosted on the other network (`QUAL:ID`), routed to it. */
  readonly identities: readonly string[];
  /** The other network's AS2 or SFTP, where the deliveries go. */
  readonly endpoint: PushEndpointInput;
}

export interface Interconnect {
  readonly account: AccountRecord;
  readonly interconnect: InterconnectRecord;
  readonly identities: readonly string[];
  readonly endpoint: PushEndpointRecord;
}

/**
 * An interconnect: an account of kind "interconnect" that stands for another network. Its identities are
 * hosted there and its push endpoint is that network's AS2 or SFTP, so routing to one of them is just a push.
 * Made whole or not at all: account, interconnect record, identities and endpoint in one transaction.
 */
export async function createInterconnect(
  ctx: NetworkContext,
  input: InterconnectInput,
): Promise<Interconnect> {
  const name = input.name.trim();
  const network = input.network.trim();
  if (name === "" || network === "")
    throw new OpenVanError("REQUEST_INVALID", "an interconnect needs a name and the other network's name", {
      field: name === "" ? "name" : "network",
    });
  const addresses = input.identities.map((address) => ({ address, ...parseIdentityAddress(address) }));
  const createdAt = ctx.clock.now().toISOString();
  const account: AccountRecord = { id: newId("acc_"), name, createdAt };
  const interconnect: InterconnectRecord = { accountId: account.id, network, createdAt };
  const result = await ctx.store.transaction(async (tx) => {
    await tx.accounts.insert(account);
    await tx.interconnects.insert(interconnect);
    await recordEvent(
      tx,
      "account.created",
      createdAt,
      { accountId: account.id },
      {
        name,
        kind: "interconnect",
        network,
      },
    );
    for (const { address, qualifier, value } of addresses) {
      await tx.identities.insert({ id: newId("idn_"), accountId: account.id, qualifier, value, createdAt });
      await recordEvent(tx, "identity.added", createdAt, { accountId: account.id }, { identity: address });
    }
    const endpoint = await insertPushEndpoint(ctx, tx, account.id, { ...input.endpoint, active: true });
    return { account, interconnect, identities: addresses.map((a) => a.address), endpoint };
  });
  forgetRecipientOutbound(ctx, account.id);
  for (const { qualifier, value } of addresses) forgetIdentity(ctx, qualifier, value);
  return result;
}

/** The interconnects of this network, each with its account. */
export async function listInterconnects(
  ctx: NetworkContext,
): Promise<readonly { readonly account: AccountRecord; readonly interconnect: InterconnectRecord }[]> {
  const out = [];
  for (const interconnect of await ctx.store.interconnects.list()) {
    const account = await ctx.store.accounts.get(interconnect.accountId);
    if (account !== null) out.push({ account, interconnect });
  }
  return out;
}
