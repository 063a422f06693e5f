import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { cpuSeconds, peakRssMB } from "./proc-status.js";

export { freePort } from "../../test/support/local-process.js";

/** A server under test, running in its own process. */
export interface ChildServer {
  readonly pid: number;
  /** What the process wrote so far (the last 64 KB of stdout and stderr together). */
  output(): string;
  /** Peak RSS of the process so far, in MB. */
  peakRssMB(): number;
  /** CPU time the process used so far, in seconds. */
  cpuSeconds(): number;
  /** Asks the process to stop (SIGTERM) and waits for it to exit; kills it when it takes too long. */
  stop(): Promise<void>;
}

const KEEP_OUTPUT = 64 * 1024;

/** Starts `node <args…>` with the same Node as the benchmark. */
export function startChild(args: readonly string[]): ChildServer {
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-KEEP_OUTPUT);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start node ${args.join(" ")}`);
  return {
    pid,
    output: () => output,
    peakRssMB: () => peakRssMB(pid),
    cpuSeconds: () => cpuSeconds(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `ready` gives a value, checking every 50 ms; throws with the child's output after `timeoutMs`. */
export async function waitFor<T>(
  child: ChildServer,
  ready: () => T | null,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = ready();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen in ${timeoutMs} ms:\n${child.output()}`);
    await sleep(50);
  }
}
