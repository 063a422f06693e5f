import { OpenVanError } from "../../kernel/index.js";
import type { AccountRecord, MetadataRepositories } from "../../storage/ports/index.js";

/** The account `accountId`, read through `repos` (the store, or a transaction); NOT_FOUND when there is none. */
export async function accountOrNotFound(
  repos: Pick<MetadataRepositories, "accounts">,
  accountId: string,
): Promise<AccountRecord> {
  const account = await repos.accounts.get(accountId);
  if (account === null) throw new OpenVanError("NOT_FOUND", `no account ${accountId}`);
  return account;
}
