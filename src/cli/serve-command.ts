import type { Command } from "commander";
import { pino } from "pino";
import { loadConfig } from "../config/index.js";
import { OpenVanError } from "../kernel/index.js";
import { ensureOperatorKey, openServices, seedDemo, writeDemoFile } from "../services/index.js";
import type { CliIo } from "./cli-io.js";
import { packageVersion } from "./package-version.js";

export interface ServeOptions {
  readonly data?: string;
  readonly port?: string;
  readonly host?: string;
  readonly demo?: boolean;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly logLevel?: string;
  readonly sftpPort?: string;
  readonly outboundAllow?: string;
}

/** `openvan serve`: runs a node (listeners and workers) until Ctrl-C or SIGTERM. */
export function addServeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("serve")
    .description("run an OpenVAN node: the REST API and the routing workers")
    .option(
      "--data <dir>",
      "data folder: SQLite database, blobs, admin key (default ./data, OPENVAN_DATA_DIR)",
    )
    .option("--port <n>", "HTTP port, 0 for any free one (default 8080, OPENVAN_PORT)")
    .option("--host <h>", "address to listen on (default 0.0.0.0, OPENVAN_HOST)")
    .option(
      "--sftp-port <n>",
      "SFTP port, 0 for any free one, off for none (default 2222, OPENVAN_SFTP_PORT)",
    )
    .option(
      "--outbound-allow <list>",
      "non-public addresses webhooks, pushes and async MDNs may reach: CIDRs, addresses, or private (OPENVAN_OUTBOUND_ALLOW)",
    )
    .option("--demo", "seed two demo companies with identities and API keys; write them to DIR/demo.json")
    .option("--tls-cert <file>", "serve HTTPS with this PEM certificate chain (OPENVAN_TLS_CERT)")
    .option("--tls-key <file>", "the certificate's PEM private key (OPENVAN_TLS_KEY)")
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent (default info)")
    .action(async (options: ServeOptions) => {
      const stop = new AbortController();
      let signals = 0;
      const onSignal = (): void => {
        signals++;
        if (signals === 1) {
          io.stderr.write(
            "openvan: stopping (finishing requests and jobs under way; Ctrl-C again to quit now)\n",
          );
          stop.abort();
        } else process.exit(130);
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        setExitCode(await serve(options, io, stop.signal));
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

/**
 * Opens the node the configuration describes, makes sure the operator has an admin key, seeds the demo when
 * asked, listens, and runs until `until` is aborted; then stops gracefully. Returns the exit code. `env` is
 * where `OPENVAN_*` settings come from (the process's environment when omitted).
 */
export async function serve(
  options: ServeOptions,
  io: CliIo,
  until: AbortSignal,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const config = loadConfig({
    ...(env === undefined ? {} : { env }),
    overrides: {
      dataDir: options.data,
      port: options.port,
      host: options.host,
      tlsCert: options.tlsCert,
      tlsKey: options.tlsKey,
      logLevel: options.logLevel,
      sftpPort: options.sftpPort,
      outboundAllow: options.outboundAllow,
    },
  });
  const logger = pino(
    { level: config.logLevel, base: { service: "openvan" } },
    { write: (line: string) => io.stdout.write(line) },
  );
  const services = await openServices(config, { logger });
  try {
    const operator = await ensureOperatorKey(services.ctx, config.dataDir);
    const demo = options.demo
      ? await seedDemo(services.ctx, {
          sftp: services.sftp !== null,
          as2: { id: config.as2.id, dataDir: config.dataDir },
        })
      : [];
    const url = await services.start().catch((error: unknown) => {
      throw listenFailure(error, config.http.host, config.http.port);
    });
    const say = (line = ""): unknown => io.stdout.write(`${line}\n`);
    const sftpPort = services.sftp?.port ?? null;
    // Written before the "listening" line: scripts that wait for that line find demo.json whole.
    const demoFile = demo.length > 0 ? await writeDemoFile(config.dataDir, url, demo, sftpPort) : null;
    say(`OpenVAN ${packageVersion()} listening on ${url}`);
    say(`  data:     ${config.dataDir}`);
    say(`  API docs: ${url}/docs`);
    if (sftpPort !== null)
      say(`  SFTP:     port ${sftpPort} (sftp -P ${sftpPort} USER@${new URL(url).hostname})`);
    say(
      operator.created
        ? `  admin key (new): written to ${operator.file} (readable by you only)`
        : operator.inFile
          ? `  admin key: in ${operator.file} (made on the first start)`
          : "  admin key: made earlier by a node sharing this database, in its data folder",
    );
    if (demoFile !== null) {
      say();
      say("Demo companies (API keys are new on every --demo start):");
      for (const account of demo) {
        say(`  ${account.name}: ${account.identities.join(", ")}`);
        say(`    API key: ${account.apiKey}`);
        say(`    user:    ${account.user.email} / ${account.user.password}`);
        if (account.sftp !== null && sftpPort !== null) {
          say(`    SFTP:    ${account.sftp.username} / ${account.sftp.password}`);
        }
        if (account.as2 !== null) say(`    AS2:     ${account.as2.id}, key ${account.as2.privateKey}`);
      }
      say(`  written to ${demoFile}`);
      say();
      say("Try it: send an X12 850 from Acme Foods to Grocery Mart, then look in Grocery Mart's mailbox:");
      say(
        `  curl -H "Authorization: Bearer ${demo[0]?.apiKey}" --data-binary @samples/x12-850-purchase-order.edi ${url}/api/v1/messages`,
      );
      say(`  curl -H "Authorization: Bearer ${demo[1]?.apiKey}" ${url}/api/v1/mailbox`);
    }
    await stopped(until);
    return 0;
  } finally {
    await services.stop();
  }
}

/** A port in use or not allowed is a setting to change, said as such; anything else is passed on. */
function listenFailure(error: unknown, host: string, port: number): unknown {
  const reasons: Readonly<Record<string, string>> = {
    EADDRINUSE: "is in use by another program",
    EACCES: "needs privileges this process does not have",
    EADDRNOTAVAIL: "is not an address of this machine",
  };
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === "string" ? reasons[code] : undefined;
  if (reason === undefined) return error;
  return new OpenVanError(
    "CONFIG_INVALID",
    `--host/--port (OPENVAN_HOST/OPENVAN_PORT): ${host}:${port} ${reason}`,
    {
      setting: "port",
    },
  );
}

function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
