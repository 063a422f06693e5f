import { hash } from "@node-rs/argon2";
import { newId, OpenVanError } from "../../../kernel/index.js";
import { accountOrNotFound, type NetworkContext } from "../../../network/index.js";
import type { AccountRecord, SftpLoginRecord, SshKeyRecord } from "../../../storage/ports/index.js";
import { parseSshPublicKey } from "./ssh-public-key.js";

/** An account's SFTP login as the admin API shows it: never the password, only whether there is one. */
export interface SftpLoginView {
  readonly accountId: string;
  readonly username: string;
  readonly hasPassword: boolean;
  readonly keys: readonly SshKeyRecord[];
}

export interface SftpLoginChange {
  /** The new username; kept (or made from the account's name, for a new login) when omitted. */
  readonly username?: string;
  /** A new password; null removes it (keys only); kept when omitted. */
  readonly password?: string | null;
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Creates or changes the account's SFTP login. */
export async function setSftpLogin(
  ctx: NetworkContext,
  accountId: string,
  change: SftpLoginChange,
): Promise<SftpLoginView> {
  const account = await accountOrNotFound(ctx.store, accountId);
  const existing = await ctx.store.sftpLogins.getByAccount(accountId);
  const username = change.username ?? existing?.username ?? (await freeUsername(ctx, account));
  if (!usernamePattern.test(username)) {
    throw new OpenVanError(
      "SFTP_USERNAME_INVALID",
      `"${username.slice(0, 80)}" is not an SFTP username: 1-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit`,
      { username },
    );
  }
  const passwordHash =
    change.password === undefined
      ? (existing?.passwordHash ?? null)
      : change.password === null
        ? null
        : await hashPassword(change.password);
  const now = ctx.clock.now().toISOString();
  const login: SftpLoginRecord = {
    accountId,
    username,
    passwordHash,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await ctx.store.sftpLogins.upsert(login);
  return view(login, await ctx.store.sftpLogins.listKeys(accountId));
}

/** Adds a public key to the account's login, creating the login (username from the account's name) if needed. */
export async function addSshKey(ctx: NetworkContext, accountId: string, text: string): Promise<SshKeyRecord> {
  const key = parseSshPublicKey(text);
  if ((await ctx.store.sftpLogins.getByAccount(accountId)) === null) await setSftpLogin(ctx, accountId, {});
  const record: SshKeyRecord = {
    id: newId("ssh_"),
    accountId,
    ...key,
    createdAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.sftpLogins.insertKey(record);
  return record;
}

export async function removeSshKey(ctx: NetworkContext, accountId: string, keyId: string): Promise<void> {
  if (!(await ctx.store.sftpLogins.deleteKey(accountId, keyId))) {
    throw new OpenVanError("NOT_FOUND", `account ${accountId} has no SSH key ${keyId}`);
  }
}

/** The account's login; NOT_FOUND when it has none. */
export async function describeSftpLogin(ctx: NetworkContext, accountId: string): Promise<SftpLoginView> {
  await accountOrNotFound(ctx.store, accountId);
  const login = await ctx.store.sftpLogins.getByAccount(accountId);
  if (login === null) throw new OpenVanError("NOT_FOUND", `account ${accountId} has no SFTP login`);
  return view(login, await ctx.store.sftpLogins.listKeys(accountId));
}

/** argon2id with the library's defaults (19 MiB, 2 passes), the OWASP recommendation. */
async function hashPassword(password: string): Promise<string> {
  if (password.length < 12 || password.length > 1024) {
    throw new OpenVanError(
      "SFTP_PASSWORD_INVALID",
      `an SFTP password needs 12 to 1024 characters; this one has ${password.length}`,
    );
  }
  return hash(password);
}

/** The account's name made into a username, with a piece of its id when another account has that name. */
async function freeUsername(ctx: NetworkContext, account: AccountRecord): Promise<string> {
  const base = account.name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "")
    .replace(/^[._-]+/, "")
    .slice(0, 40);
  const name = base === "" ? "account" : base;
  const holder = await ctx.store.sftpLogins.findByUsername(name);
  return holder === null || holder.accountId === account.id ? name : `${name}-${account.id.slice(-8)}`;
}

function view(login: SftpLoginRecord, keys: readonly SshKeyRecord[]): SftpLoginView {
  return {
    accountId: login.accountId,
    username: login.username,
    hasPassword: login.passwordHash !== null,
    keys,
  };
}
