import { type ChildProcess, execFile } from "node:child_process";
import { createConnection, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Runs a command; resolves with its stdout, rejects with its stderr. */
export function run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      command,
      args,
      { env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${command} ${args.join(" ")}: ${stderr || error.message}`))
          : resolve(stdout),
    ),
  );
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WaitForPortOptions {
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** The process that should listen: waiting stops as soon as it exits. */
  readonly child?: ChildProcess;
  /** What should listen, for the error messages (default "a server"). */
  readonly what?: string;
}

/** Waits until something accepts connections on 127.0.0.1:`port`, trying every 100 ms. */
export async function waitForPort(port: number, options: WaitForPortOptions = {}): Promise<void> {
  const { timeoutMs = 30_000, child, what = "a server" } = options;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child !== undefined && child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port}`);
}
