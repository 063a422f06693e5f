import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { freePort, run, waitForPort } from "./local-process.js";

/** Where Debian's openssh-server puts the daemon (scripts/test-peers.sh installs it). */
export const sshdPath = "/usr/sbin/sshd";

/** A throwaway OpenSSH sshd on a loopback port, SFTP only (internal-sftp), key auth for one client key. */
export interface OpenSshServer {
  readonly port: number;
  /** The folder the SFTP login starts in. */
  readonly root: string;
  /** The private key that logs in (user `root`, the user the tests run as). */
  readonly clientKey: string;
  readonly username: string;
  /** `SHA256:…` of the server's host key. */
  readonly hostKeyFingerprint: string;
  /** `[127.0.0.1]:PORT TYPE BASE64`, for an OpenSSH client's known_hosts. */
  readonly knownHostsLine: string;
  stop(): Promise<void>;
}

/** Starts sshd in the foreground (`-D`), as a child of this process, with its own config, keys and log. */
export async function startOpenSshServer(dir: string, authorizedKey?: string): Promise<OpenSshServer> {
  const root = join(dir, "root");
  await mkdir(root, { recursive: true });
  await mkdir("/run/sshd", { recursive: true });
  const hostKey = join(dir, "host_ed25519");
  const clientKey = join(dir, "client_ed25519");
  await keygen(hostKey);
  await keygen(clientKey);
  const authorized = join(dir, "authorized_keys");
  await writeFile(authorized, authorizedKey ?? (await readFile(`${clientKey}.pub`, "utf8")), { mode: 0o600 });
  const port = await freePort();
  const config = join(dir, "sshd_config");
  await writeFile(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${authorized}`,
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin prohibit-password",
      "UsePAM no",
      "StrictModes no",
      "X11Forwarding no",
      "AllowTcpForwarding no",
      "PrintMotd no",
      "Subsystem sftp internal-sftp",
      `ForceCommand internal-sftp -d ${root}`,
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(sshdPath, ["-D", "-f", config, "-E", join(dir, "sshd.log")], {
    stdio: "ignore",
  });
  await waitForPort(port, { child, what: "sshd" });
  const hostPublic = (await readFile(`${hostKey}.pub`, "utf8")).trim().split(/\s+/).slice(0, 2).join(" ");
  const fingerprint = (await run("ssh-keygen", ["-l", "-E", "sha256", "-f", `${hostKey}.pub`])).split(
    /\s+/,
  )[1];
  return {
    port,
    root,
    clientKey,
    username: userInfo().username,
    hostKeyFingerprint: fingerprint ?? "",
    knownHostsLine: `[127.0.0.1]:${port} ${hostPublic}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function haveSshd(): boolean {
  return existsSync(sshdPath);
}

async function keygen(file: string): Promise<void> {
  if (existsSync(file)) return;
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file]);
}
