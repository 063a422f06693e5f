import type { IdentityRecord, MetadataRepositories } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { StoreCache } from "../store-cache.js";

/**
 * How long the directory's answers are reused. Routing looks up the sender and the receiver of every
 * interchange, and identities change rarely: identities added through this node are seen at once (the entry is
 * forgotten), those added through another node sharing the database within this time.
 */
export const identityDirectoryTtlMs = 2_000;

const cache = new StoreCache<IdentityRecord | null>(identityDirectoryTtlMs);

/**
 * The identity of this address, or null when no account of the network owns it; read through `tx` (on SQLite
 * the transaction holds the one connection) and kept briefly.
 */
export async function lookUpIdentity(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  qualifier: string,
  value: string,
): Promise<IdentityRecord | null> {
  const key = `${qualifier}:${value}`;
  const cached = cache.get(ctx, key);
  if (cached !== undefined) return cached;
  const found = await tx.identities.findByAddress(qualifier, value);
  cache.set(ctx, key, found);
  return found;
}

/** Forgets what the directory said of an address; called once an identity for it was added. */
export function forgetIdentity(ctx: NetworkContext, qualifier: string, value: string): void {
  cache.forget(ctx, `${qualifier}:${value}`);
}
