import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/openvan.js", import.meta.url));

export interface SpawnServerOptions {
  readonly data: string;
  /** 0 takes any free port. */
  readonly port: number;
  readonly demo?: boolean;
  /** OPENVAN_* settings; the test's own OPENVAN_* environment is never passed on. */
  readonly env?: Readonly<Record<string, string>>;
}

/** `openvan serve` in a process of its own, built from dist/ (test/support/build-once.ts builds it). */
export interface ServerProcess {
  readonly url: string;
  /** `kill -9`: no chance to finish anything. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node bin/openvan.js serve` on 127.0.0.1 and resolves once it listens (and wrote demo.json, with `demo`). */
export async function spawnServer(options: SpawnServerOptions): Promise<ServerProcess> {
  const args = [bin, "serve", "--data", options.data, "--host", "127.0.0.1", "--port", String(options.port)];
  if (options.demo) args.push("--demo");
  // Any free SFTP port: a fixed HTTP port would otherwise bring the fixed default SFTP port (2222) along.
  args.push("--sftp-port", "0", "--log-level", "warn");
  const child = spawn(process.execPath, args, {
    env: { ...inheritedEnv(), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The last 64 KB it printed, for the error when it does not start.
  let out = "";
  const keep = (chunk: Buffer): void => {
    out = (out + chunk.toString("utf8")).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const ready = options.demo ? /demo\.json/ : /listening on/;
  for (let waited = 0; !ready.test(out); waited += 20) {
    if (gone()) throw new Error(`openvan serve exited before it listened:\n${out}`);
    if (waited > 30_000) {
      child.kill("SIGKILL");
      throw new Error(`openvan serve did not start within 30 s:\n${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const url = /listening on (\S+)/.exec(out)?.[1] ?? "";
  return {
    url,
    kill: async () => {
      if (!gone()) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (!gone()) child.kill("SIGTERM");
      return exited;
    },
  };
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("OPENVAN_")) env[name] = value;
  }
  return env;
}
