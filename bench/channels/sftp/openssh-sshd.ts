import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "../../network/child-server.js";
import { run, waitForPort } from "./run-command.js";

/** OpenSSH's own SFTP server for the comparison: a throwaway sshd with internal-sftp on a loopback port. */
export interface OpenSshd {
  readonly port: number;
  readonly root: string;
  readonly username: string;
  readonly clientKey: string;
  stop(): Promise<void>;
}

/** Starts `sshd -D` (a child of this process) with its own config, host key and authorized key in `dir`. */
export async function startOpenSshd(dir: string): Promise<OpenSshd> {
  const root = join(dir, "root");
  await mkdir(root, { recursive: true });
  await mkdir("/run/sshd", { recursive: true });
  const hostKey = join(dir, "host_ed25519");
  const clientKey = join(dir, "client_ed25519");
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", clientKey]);
  await writeFile(join(dir, "authorized_keys"), await readFile(`${clientKey}.pub`), { mode: 0o600 });
  const port = await freePort();
  const config = join(dir, "sshd_config");
  await writeFile(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin prohibit-password",
      "UsePAM no",
      "StrictModes no",
      "AllowTcpForwarding no",
      "X11Forwarding no",
      "Subsystem sftp internal-sftp",
      `ForceCommand internal-sftp -d ${root}`,
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn("/usr/sbin/sshd", ["-D", "-f", config, "-E", join(dir, "sshd.log")], {
    stdio: "ignore",
  });
  await waitForPort(port);
  return {
    port,
    root,
    username: userInfo().username,
    clientKey,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
