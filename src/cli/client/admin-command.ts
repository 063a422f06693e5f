import { type Command, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import { addUserCommands } from "./admin-user-commands.js";
import type { Account, ApiKey, Identity, KeyScope } from "./api-types.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

interface AdminOptions extends ServerOptions {
  readonly json?: boolean;
}

interface KeyOptions extends AdminOptions {
  readonly scope: KeyScope;
}

type SetExitCode = (code: number) => void;

/**
 * `openvan admin account|identity|key|user …`: manages the network's accounts, their identities, API keys and
 * users.
 * Needs a key of the admin scope (`--key` or OPENVAN_API_KEY).
 */
export function addAdminCommand(program: Command, io: CliIo, setExitCode: SetExitCode): void {
  const admin = program
    .command("admin")
    .description("manage accounts, identities, API keys and users (needs an admin key)");
  addAccountCommands(admin, io, setExitCode);
  addIdentityCommands(admin, io, setExitCode);
  addKeyCommands(admin, io, setExitCode);
  addUserCommands(admin, io, setExitCode);
}

function addAccountCommands(admin: Command, io: CliIo, setExitCode: SetExitCode): void {
  const account = admin.command("account").description("create and list accounts (companies)");
  leaf(
    account.command("create").description("create an account").argument("<name>", "the company's name"),
  ).action(async (name: string, options: AdminOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const created = await clientFor(options).createAccount(name);
      io.stdout.write(options.json ? `${JSON.stringify(created)}\n` : `${accountLine(created)}\n`);
      return 0;
    });
  });
  leaf(account.command("list").description("list every account")).action(async (options: AdminOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { items } = await clientFor(options).listAccounts();
      for (const item of items) {
        io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${accountLine(item)}\n`);
      }
      return 0;
    });
  });
}

function addIdentityCommands(admin: Command, io: CliIo, setExitCode: SetExitCode): void {
  const identity = admin.command("identity").description("give accounts their addresses on the network");
  leaf(
    identity
      .command("add")
      .description("add an identity (X12 ISA05:ISA06 or EDIFACT 0007:0004) to an account")
      .argument("<account-id>", "the account")
      .argument("<identity>", "QUAL:ID, e.g. ZZ:ACMEFOODS or 14:5412345000013"),
  ).action(async (accountId: string, address: string, options: AdminOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const added = await clientFor(options).addIdentity(accountId, address);
      io.stdout.write(options.json ? `${JSON.stringify(added)}\n` : `${identityLine(added)}\n`);
      return 0;
    });
  });
  leaf(
    identity
      .command("list")
      .description("list an account's identities")
      .argument("<account-id>", "the account"),
  ).action(async (accountId: string, options: AdminOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { items } = await clientFor(options).listIdentities(accountId);
      for (const item of items) {
        io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${identityLine(item)}\n`);
      }
      return 0;
    });
  });
}

function addKeyCommands(admin: Command, io: CliIo, setExitCode: SetExitCode): void {
  const key = admin.command("key").description("issue and list API keys");
  leaf(
    key
      .command("list")
      .description("list an account's keys (their prefixes, never the keys)")
      .argument("<account-id>", "the account"),
  ).action(async (accountId: string, options: AdminOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { items } = await clientFor(options).listKeys(accountId);
      for (const item of items) {
        io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${keyLine(item)}\n`);
      }
      return 0;
    });
  });
  leaf(
    key
      .command("create")
      .description("issue an API key for an account; it is shown this once")
      .argument("<account-id>", "the account")
      .addOption(
        new Option("--scope <scope>", "account: the account's own API; admin: the whole network")
          .choices(["account", "admin"])
          .default("account"),
      ),
  ).action(async (accountId: string, options: KeyOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const issued = await clientFor(options).createKey(accountId, options.scope);
      if (options.json) {
        io.stdout.write(`${JSON.stringify(issued)}\n`);
      } else {
        io.stdout.write(`${issued.key}\n`);
        io.stderr.write(`openvan: a key of the ${issued.scope} scope; it is not shown again, store it now\n`);
      }
      return 0;
    });
  });
}

/** Every admin subcommand talks to a server and can print JSON. */
function leaf(command: Command): Command {
  return withServerOptions(command).option("--json", "print the server's answer as JSON");
}

function accountLine(account: Account): string {
  return `${account.id}  ${account.name}`;
}

function identityLine(identity: Identity): string {
  return identity.id === undefined ? identity.identity : `${identity.identity}  ${identity.id}`;
}

/** `KEY-ID  SCOPE  ov_PREFIX_…  CREATED-AT`, and `revoked AT` when it is. */
function keyLine(key: ApiKey): string {
  const revoked = key.revokedAt ? `  revoked ${key.revokedAt}` : "";
  return `${key.id}  ${key.scope}  ov_${key.prefix}_…  ${key.createdAt}${revoked}`;
}
