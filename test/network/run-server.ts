import { type ServeOptions, serve } from "../../src/cli/serve-command.js";

/** An `openvan serve` running in this process, with what it printed. */
export interface RunningServer {
  readonly url: string;
  output(): string;
  /** Stops it as Ctrl-C would and resolves with its exit code. */
  stop(): Promise<number>;
}

/** Starts `openvan serve` with these options and no OPENVAN_* environment; resolves once it listens. */
export async function runServer(
  options: ServeOptions,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  let out = "";
  const sink = { write: (text: string) => (out += text) };
  const control = new AbortController();
  const running = serve(
    { host: "127.0.0.1", port: "0", logLevel: "warn", ...options },
    { stdout: sink, stderr: sink },
    control.signal,
    env,
  );
  let failed: unknown = null;
  running.catch((error: unknown) => {
    failed = error;
  });
  for (let waited = 0; ; waited += 20) {
    const url = /listening on (\S+)/.exec(out)?.[1];
    if (url !== undefined) {
      return {
        url,
        output: () => out,
        stop: () => {
          control.abort();
          return running;
        },
      };
    }
    if (failed !== null) throw failed;
    if (waited > 30_000) throw new Error(`openvan serve did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
