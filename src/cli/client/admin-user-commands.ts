import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { OpenVanError } from "../../kernel/index.js";
import type { CliIo } from "../cli-io.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

/** A user as the server shows them. */
export interface UserView {
  readonly id: string;
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: "admin" | "member";
  readonly scope: "account" | "admin";
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

interface UserOptions extends ServerOptions {
  readonly json?: boolean;
  readonly password?: string;
  readonly passwordFile?: string;
}

interface AddUserOptions extends UserOptions {
  readonly name: string;
  readonly role: "admin" | "member";
  readonly scope: "account" | "admin";
}

type SetExitCode = (code: number) => void;

/**
 * `openvan admin user add|list|disable|enable|password`: the people who sign in to accounts. A password comes
 * from --password-file (its first line), --password, or else is made here and printed once.
 */
export function addUserCommands(admin: Command, io: CliIo, setExitCode: SetExitCode): void {
  const user = admin.command("user").description("add, list and disable users; set their passwords");
  passwordOptions(
    leaf(
      user
        .command("add")
        .description("give an account a user who signs in with an e-mail address and a password")
        .argument("<account-id>", "the account")
        .argument("<email>", "the user's e-mail address, which is also their login")
        .requiredOption("--name <name>", "the user's display name")
        .addOption(
          new Option("--role <role>", "admin: manages the account; member: uses it")
            .choices(["admin", "member"])
            .default("member"),
        )
        .addOption(
          new Option("--scope <scope>", "admin: an operator of the whole network")
            .choices(["account", "admin"])
            .default("account"),
        ),
    ),
  ).action(async (accountId: string, email: string, options: AddUserOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { password, made } = await passwordOf(options);
      const created = await clientFor(options).callJson<UserView>(
        "POST",
        `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/users`,
        { email, displayName: options.name, password, role: options.role, scope: options.scope },
      );
      report(io, options, created, made ? password : null);
      return 0;
    });
  });

  leaf(
    user.command("list").description("list an account's users").argument("<account-id>", "the account"),
  ).action(async (accountId: string, options: UserOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { items } = await clientFor(options).callJson<{ items: UserView[] }>(
        "GET",
        `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/users`,
      );
      for (const item of items)
        io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${userLine(item)}\n`);
      return 0;
    });
  });

  for (const [action, description] of [
    ["disable", "stop a user from signing in and end their sessions"],
    ["enable", "let a disabled user sign in again"],
  ] as const) {
    leaf(user.command(action).description(description).argument("<user-id>", "the user")).action(
      async (userId: string, options: UserOptions) => {
        await runClientAction(io, setExitCode, async () => {
          const changed = await clientFor(options).callJson<UserView>(
            "POST",
            `/api/v1/admin/users/${encodeURIComponent(userId)}/${action}`,
          );
          report(io, options, changed, null);
          return 0;
        });
      },
    );
  }

  passwordOptions(
    leaf(
      user
        .command("password")
        .description("set a user's password (a reset); their sessions end")
        .argument("<user-id>", "the user"),
    ),
  ).action(async (userId: string, options: UserOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { password, made } = await passwordOf(options);
      const changed = await clientFor(options).callJson<UserView>(
        "POST",
        `/api/v1/admin/users/${encodeURIComponent(userId)}/password`,
        { password },
      );
      report(io, options, changed, made ? password : null);
      return 0;
    });
  });
}

function leaf(command: Command): Command {
  return withServerOptions(command).option("--json", "print the server's answer as JSON");
}

function passwordOptions(command: Command): Command {
  return command
    .option("--password-file <file>", "read the password from the first line of this file")
    .option(
      "--password <password>",
      "the password (others on this machine may see it; prefer --password-file)",
    );
}

/** The password the options give, or a new random one (`made`), which is then printed once. */
async function passwordOf(options: UserOptions): Promise<{ password: string; made: boolean }> {
  if (options.passwordFile !== undefined) {
    let text: string;
    try {
      text = await readFile(options.passwordFile, "utf8");
    } catch (error) {
      throw new OpenVanError(
        "CLI_FILE_UNREADABLE",
        `cannot read ${options.passwordFile}`,
        {},
        { cause: error },
      );
    }
    return { password: text.split(/\r?\n/)[0] ?? "", made: false };
  }
  if (options.password !== undefined) return { password: options.password, made: false };
  return { password: randomBytes(15).toString("base64url"), made: true };
}

function report(io: CliIo, options: UserOptions, user: UserView, madePassword: string | null): void {
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(madePassword === null ? user : { ...user, password: madePassword })}\n`,
    );
    return;
  }
  io.stdout.write(`${userLine(user)}\n`);
  if (madePassword !== null) {
    io.stdout.write(`password: ${madePassword}\n`);
    io.stderr.write("openvan: the password was made here; it is not shown again, hand it over now\n");
  }
}

/** `USER-ID  EMAIL  ROLE[/operator]  DISPLAY NAME`, and `disabled AT` when the user is. */
function userLine(user: UserView): string {
  const role = user.scope === "admin" ? `${user.role}/operator` : user.role;
  const disabled = user.disabledAt ? `  disabled ${user.disabledAt}` : "";
  return `${user.id}  ${user.email}  ${role}  ${user.displayName}${disabled}`;
}
