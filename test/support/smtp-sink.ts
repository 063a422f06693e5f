import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real SMTP server for e-mail tests: Debian's aiosmtpd (python3-aiosmtpd, see scripts/test-peers.sh) on a
 * loopback port, writing every mail it takes into a Maildir.
 */
export interface SmtpSink {
  readonly url: string;
  /** The raw mails in the Maildir's `new` folder, waiting up to `timeoutMs` for at least `count`. */
  mails(count: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

export const aiosmtpdMissing = (): Promise<string | null> =>
  new Promise((resolve) => {
    const probe = spawn("/usr/bin/python3", ["-c", "import aiosmtpd"], { stdio: "ignore" });
    probe.on("error", () => resolve("/usr/bin/python3 is not installed"));
    probe.on("exit", (code) =>
      resolve(code === 0 ? null : "python3-aiosmtpd is not installed (scripts/test-peers.sh installs it)"),
    );
  });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listening(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`aiosmtpd exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("aiosmtpd did not start listening");
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const dir = await mkdtemp(join(tmpdir(), "openvan-smtp-"));
  const maildir = join(dir, "Maildir");
  const port = await freePort();
  const child = spawn(
    "/usr/bin/python3",
    ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir],
    { stdio: "ignore" },
  );
  await listening(port, child);
  return {
    url: `smtp://127.0.0.1:${port}`,
    async mails(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const names = await readdir(join(maildir, "new")).catch(() => [] as string[]);
        if (names.length >= count || Date.now() > until)
          return Promise.all(names.sort().map((n) => readFile(join(maildir, "new", n), "utf8")));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
