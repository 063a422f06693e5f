import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { ensureOperatorKey, openServices, type Services } from "../../src/services/index.js";
import { type CliRun, runCli } from "./run-cli.js";

/** A real OpenVAN server on 127.0.0.1 (a free port, SQLite and blobs in a temporary folder) for client tests. */
export interface TestNetwork {
  readonly url: string;
  readonly dataDir: string;
  readonly services: Services;
  /** The operator's admin key. */
  readonly adminKey: string;
  /** `openvan ARGS... --url URL --key KEY`. */
  run(key: string, ...args: string[]): Promise<CliRun>;
  close(): Promise<void>;
}

/** `env` holds OPENVAN_* settings of the server, e.g. a small OPENVAN_MAX_MESSAGE_SIZE. */
export async function startTestNetwork(env: Readonly<Record<string, string>> = {}): Promise<TestNetwork> {
  const dataDir = await mkdtemp(join(tmpdir(), "openvan-client-"));
  const config = loadConfig({ env, overrides: { dataDir, host: "127.0.0.1", port: 0 } });
  const services = await openServices(config);
  const url = await services.start();
  const operator = await ensureOperatorKey(services.ctx, dataDir);
  const adminKey = (await readFile(operator.file, "utf8")).trim();
  return {
    url,
    dataDir,
    services,
    adminKey,
    run: (key, ...args) => runCli(...args, "--url", url, "--key", key),
    async close() {
      await services.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing came within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface TestCompany {
  readonly id: string;
  readonly key: string;
}

/** An account with identities and an account-scope key, made with `openvan admin …`. */
export async function addCompany(
  net: TestNetwork,
  name: string,
  ...identities: string[]
): Promise<TestCompany> {
  const created = await net.run(net.adminKey, "admin", "account", "create", name, "--json");
  if (created.code !== 0) throw new Error(`account create failed: ${created.stderr}`);
  const { id } = JSON.parse(created.stdout) as { id: string };
  for (const identity of identities) {
    const added = await net.run(net.adminKey, "admin", "identity", "add", id, identity);
    if (added.code !== 0) throw new Error(`identity add failed: ${added.stderr}`);
  }
  const issued = await net.run(net.adminKey, "admin", "key", "create", id, "--json");
  if (issued.code !== 0) throw new Error(`key create failed: ${issued.stderr}`);
  return { id, key: (JSON.parse(issued.stdout) as { key: string }).key };
}

/** An X12 850 interchange from `sender` to `receiver` (ZZ ids), with the given control number. */
export function x12Order(sender: string, receiver: string, control: number): string {
  const icn = String(control).padStart(9, "0");
  return (
    `ISA*00*          *00*          *ZZ*${sender.padEnd(15)}*ZZ*${receiver.padEnd(15)}*240315*0930*^*00501*${icn}*0*P*>~` +
    `GS*PO*${sender}*${receiver}*20240315*0930*${control}*X*005010~` +
    `ST*850*0001~BEG*00*SA*PO-${control}**20240315~SE*3*0001~` +
    `GE*1*${control}~IEA*1*${icn}~`
  );
}

/** An EDIFACT ORDERS interchange from `sender` to `receiver` (GLN ids, qualifier 14). */
export function edifactOrder(sender: string, receiver: string, reference: string): string {
  return (
    `UNA:+.? 'UNB+UNOC:3+${sender}:14+${receiver}:14+240315:0930+${reference}'` +
    `UNH+1+ORDERS:D:96A:UN'BGM+220+PO-${reference}+9'UNT+3+1'UNZ+1+${reference}'`
  );
}
