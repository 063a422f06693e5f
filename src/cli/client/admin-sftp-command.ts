import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { OpenVanError } from "../../kernel/index.js";
import type { CliIo } from "../cli-io.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

/** An SSH key of a login as the API shows it. */
interface SshKey {
  readonly id: string;
  readonly algorithm: string;
  readonly bits: number;
  readonly fingerprint: string;
  readonly comment: string;
  readonly createdAt: string;
}

interface SftpLogin {
  readonly accountId: string;
  readonly username: string;
  readonly hasPassword: boolean;
  readonly keys: readonly SshKey[];
}

interface SftpOptions extends ServerOptions {
  readonly json?: boolean;
}

interface SetOptions extends SftpOptions {
  readonly username?: string;
  readonly password?: string;
  readonly passwordStdin?: boolean;
  readonly keysOnly?: boolean;
}

type SetExitCode = (code: number) => void;

/**
 * `openvan admin sftp show|set|add-key|remove-key ACCOUNT-ID`: an account's SFTP login (username, optional
 * password) and the SSH public keys that open it. Needs an admin key.
 */
export function addAdminSftpCommands(admin: Command, io: CliIo, setExitCode: SetExitCode): void {
  const sftp = admin
    .command("sftp")
    .description("SFTP logins: usernames, passwords and SSH keys of accounts");
  const path = (accountId: string, rest = ""): string =>
    `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/sftp${rest}`;
  const print = (options: SftpOptions, login: SftpLogin): void => {
    if (options.json) return void io.stdout.write(`${JSON.stringify(login)}\n`);
    io.stdout.write(`${login.username}  ${login.hasPassword ? "password and keys" : "keys only"}\n`);
    for (const key of login.keys) io.stdout.write(`${keyLine(key)}\n`);
  };

  leaf(sftp.command("show").description("show an account's login and keys").argument("<account-id>")).action(
    async (accountId: string, options: SftpOptions) => {
      await runClientAction(io, setExitCode, async () => {
        print(options, await clientFor(options).callJson<SftpLogin>("GET", path(accountId)));
        return 0;
      });
    },
  );

  leaf(
    sftp
      .command("set")
      .description("create or change an account's login: its username and password")
      .argument("<account-id>")
      .option("--username <name>", "the login name (default: made from the account's name)")
      .addOption(
        new Option("--password <password>", "a password of 12 characters or more").conflicts("passwordStdin"),
      )
      .option("--password-stdin", "read the password from the first line of standard input")
      .option("--keys-only", "remove the password: the login takes SSH keys only"),
  ).action(async (accountId: string, options: SetOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const body: { username?: string; password?: string | null } = {};
      if (options.username !== undefined) body.username = options.username;
      if (options.password !== undefined) body.password = options.password;
      else if (options.passwordStdin) body.password = (await readStdin()).split(/\r?\n/)[0] ?? "";
      else if (options.keysOnly) body.password = null;
      print(options, await clientFor(options).callJson<SftpLogin>("PUT", path(accountId), body));
      return 0;
    });
  });

  leaf(
    sftp
      .command("add-key")
      .description("let an SSH public key (a .pub file: ed25519, ECDSA, RSA >= 2048 bits) open the login")
      .argument("<account-id>")
      .argument("<public-key-file>", "the .pub file, or - for standard input"),
  ).action(async (accountId: string, file: string, options: SftpOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const publicKey = file === "-" ? await readStdin() : await readKey(file);
      const key = await clientFor(options).callJson<SshKey>("POST", path(accountId, "/keys"), { publicKey });
      io.stdout.write(options.json ? `${JSON.stringify(key)}\n` : `${keyLine(key)}\n`);
      return 0;
    });
  });

  leaf(
    sftp
      .command("remove-key")
      .description("remove an SSH key from the login")
      .argument("<account-id>")
      .argument("<key-id>", "the key's id, as `show` lists it"),
  ).action(async (accountId: string, keyId: string, options: SftpOptions) => {
    await runClientAction(io, setExitCode, async () => {
      await clientFor(options).callJson("DELETE", path(accountId, `/keys/${encodeURIComponent(keyId)}`));
      if (!options.json) io.stderr.write(`openvan: removed SSH key ${keyId}\n`);
      return 0;
    });
  });
}

function leaf(command: Command): Command {
  return withServerOptions(command).option("--json", "print the server's answer as JSON");
}

/** `KEY-ID  TYPE BITS  SHA256:…  COMMENT`. */
function keyLine(key: SshKey): string {
  return `${key.id}  ${key.algorithm} ${key.bits}  ${key.fingerprint}  ${key.comment}`.trimEnd();
}

async function readKey(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new OpenVanError("CLI_FILE_UNREADABLE", `cannot read ${file}: ${(error as Error).message}`, {
      file,
    });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
