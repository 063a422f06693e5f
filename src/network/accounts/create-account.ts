import { newId } from "../../kernel/index.js";
import type { AccountRecord, MetadataRepositories } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";

export async function createAccount(ctx: NetworkContext, name: string): Promise<AccountRecord> {
  const account: AccountRecord = {
    id: newId("acc_"),
    name: name.trim(),
    createdAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.transaction((tx) => insertAccount(tx, account));
  return account;
}

/** Stores a new account and its `account.created` event in the caller's transaction. */
export async function insertAccount(tx: MetadataRepositories, account: AccountRecord): Promise<void> {
  await tx.accounts.insert(account);
  await recordEvent(
    tx,
    "account.created",
    account.createdAt,
    { accountId: account.id },
    { name: account.name },
  );
}
