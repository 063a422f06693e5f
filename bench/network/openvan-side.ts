import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { startOpenVan } from "./openvan-server.js";
import { percentile } from "./percentile.js";
import { readRoutedTimes, waitUntilRouted } from "./routed-times.js";
import { sendLoad } from "./send-load.js";
import { ackFigures, type SideResult } from "./side-result.js";

export interface SideLoad {
  readonly warmUp: readonly Buffer[];
  readonly bodies: readonly Buffer[];
  readonly concurrency: number;
  /** Flags for the servers' node, e.g. `--cpu-prof`. */
  readonly serverNodeFlags: readonly string[];
  /**
   * Where the servers keep their data, removed by the caller after the whole run: files deleted while another
   * server runs would slow its file creation down (ext4 skips recently freed inodes).
   */
  readonly workDir: string;
}

const ROUTING_TIMEOUT_MS = 10 * 60_000;

/**
 * OpenVAN on the embedded default (SQLite + local folder), in a fresh data folder: the warm-up bodies are sent
 * and routed first, then the measured ones. "Routed" times come from the events table once the server has
 * stopped: each message's `message.routed` event against the moment the client sent it.
 */
export async function runOpenVanSide(load: SideLoad): Promise<SideResult> {
  const dataDir = await mkdtemp(join(load.workDir, "openvan-"));
  const server = await startOpenVan(dataDir, load.serverNodeFlags);
  const sendingAccount = server.demo.accounts[0];
  if (sendingAccount === undefined) throw new Error("demo.json names no account");
  const send = (bodies: readonly Buffer[]) =>
    sendLoad({
      origin: server.demo.url,
      path: "/api/v1/messages",
      headers: { authorization: `Bearer ${sendingAccount.apiKey}`, "content-type": "application/edi-x12" },
      bodies,
      concurrency: load.concurrency,
    });
  const problems: string[] = [];
  let measured: Awaited<ReturnType<typeof sendLoad>>;
  let cpu = 0;
  let peak = 0;
  try {
    await send(load.warmUp);
    if (!(await waitUntilRouted(server.databasePath, ROUTING_TIMEOUT_MS)))
      problems.push("warm-up not routed");
    const cpuBefore = server.child.cpuSeconds();
    measured = await send(load.bodies);
    if (!(await waitUntilRouted(server.databasePath, ROUTING_TIMEOUT_MS)))
      problems.push("not all routed in time");
    cpu = server.child.cpuSeconds() - cpuBefore;
    peak = server.child.peakRssMB();
  } finally {
    await server.child.stop();
  }
  const acks = ackFigures(measured);
  if (acks.failed > 0) problems.push(`${acks.failed} sends failed, first: ${measured.firstFailure}`);
  const times = readRoutedTimes(server.databasePath);
  const routedLatencies: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  let missing = 0;
  measured.ids.forEach((id, i) => {
    const routed = times.routedAt.get(id);
    const sent = measured.sentAt[i] as number;
    first = Math.min(first, sent);
    if (routed === undefined) {
      missing++;
      return;
    }
    last = Math.max(last, routed);
    routedLatencies.push(routed - sent);
  });
  if (missing > 0) problems.push(`${missing} messages without a message.routed event`);
  for (const [state, n] of times.notRouted) problems.push(`${n} messages ${state}`);
  const expected = load.warmUp.length + load.bodies.length;
  if (times.deliveries !== expected) problems.push(`${times.deliveries} mailbox items, expected ${expected}`);
  return {
    name: "OpenVAN (SQLite + folder)",
    count: load.bodies.length,
    failed: acks.failed,
    ackRate: acks.rate,
    ackP50: acks.p50,
    ackP99: acks.p99,
    routedRate: (routedLatencies.length / (last - first)) * 1000,
    routedP50: percentile(routedLatencies, 50),
    routedP99: percentile(routedLatencies, 99),
    peakRssMB: peak,
    cpuSeconds: cpu,
    problems,
  };
}
