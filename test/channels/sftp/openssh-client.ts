import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What a run of OpenSSH's `sftp` left: its exit code and output. */
export interface SftpRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SftpLogin {
  readonly port: number;
  readonly username: string;
  /** known_hosts holding the server's host key for [127.0.0.1]:port. */
  readonly knownHosts: string;
  /** A private key file (key auth), or a password (given through SSH_ASKPASS). */
  readonly key?: string;
  readonly password?: string;
}

/** Runs OpenSSH's `sftp` in batch mode (`-b`) with `commands`, strict host key checking, no agent, no config. */
export async function runSftp(dir: string, login: SftpLogin, commands: readonly string[]): Promise<SftpRun> {
  const batch = join(dir, `batch-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await writeFile(batch, `${commands.join("\n")}\n`);
  const args = [
    "-F",
    "/dev/null",
    "-P",
    String(login.port),
    "-o",
    `UserKnownHostsFile=${login.knownHosts}`,
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    "IdentityAgent=none",
  ];
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  if (login.key !== undefined) {
    args.push("-i", login.key, "-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no");
  } else {
    // -b turns BatchMode on, which forbids passwords; an earlier -o wins in ssh, and SSH_ASKPASS answers.
    const askpass = join(dir, "askpass.sh");
    await writeFile(askpass, `#!/bin/sh\nprintf '%s\\n' '${login.password ?? ""}'\n`, { mode: 0o700 });
    args.push("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1");
    Object.assign(env, { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: "force", DISPLAY: "none" });
  }
  args.push("-b", batch, `${login.username}@127.0.0.1`);
  return new Promise((resolve) => {
    execFile(
      "sftp",
      args,
      { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A new key pair made by ssh-keygen: the private key's path (the public one is beside it, `.pub`). */
export function sshKeygen(
  dir: string,
  name: string,
  type: "ed25519" | "ecdsa" | "rsa",
  bits?: number,
): Promise<string> {
  const file = join(dir, name);
  const args = ["-q", "-t", type, "-N", "", "-C", `${name}@test`, "-f", file];
  if (bits !== undefined) args.push("-b", String(bits));
  return new Promise((resolve, reject) => {
    execFile("ssh-keygen", args, (error) => (error === null ? resolve(file) : reject(error)));
  });
}

/** known_hosts for a server on 127.0.0.1:port with this public host key (`TYPE BASE64`). */
export async function writeKnownHosts(file: string, port: number, publicKey: string): Promise<string> {
  await writeFile(file, `[127.0.0.1]:${port} ${publicKey}\n`);
  return file;
}
