import { newId } from "../../kernel/index.js";
import type { AccountRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { type IssuedApiKey, newApiKey } from "./api-keys.js";
import { insertAccount } from "./create-account.js";

/**
 * The counter every node advances in the bootstrap transaction. Advancing it is one atomic upsert that locks
 * its row until the transaction ends, so bootstraps run one after the other, on PostgreSQL across nodes too
 * (SQLite runs one write transaction at a time anyway); a later one sees what the earlier one committed.
 */
const bootstrapCounter = "openvan.operator-bootstrap";

export interface OperatorAccount {
  readonly account: AccountRecord;
  /** The admin key made now, shown this once; null when the operator had an active admin key already. */
  readonly issued: IssuedApiKey | null;
}

/**
 * First start: makes the operator account and an admin key for it, unless they are there. Race-free: of several
 * nodes starting together on one database, exactly one makes them and the others find them.
 */
export async function ensureOperatorAccount(ctx: NetworkContext, name: string): Promise<OperatorAccount> {
  return ctx.store.transaction(async (tx) => {
    await tx.controlNumbers.next(bootstrapCounter);
    let account = await tx.accounts.findByName(name);
    if (account === null) {
      account = { id: newId("acc_"), name, createdAt: ctx.clock.now().toISOString() };
      await insertAccount(tx, account);
    }
    const keys = await tx.apiKeys.listByAccount(account.id);
    if (keys.some((k) => k.scope === "admin" && k.revokedAt === null)) return { account, issued: null };
    const issued = newApiKey(ctx, account.id, "admin");
    await tx.apiKeys.insert(issued.record);
    return { account, issued };
  });
}
