import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startChild, waitFor } from "./child-server.js";
import type { SideLoad } from "./openvan-side.js";
import { sendLoad } from "./send-load.js";
import { ackFigures, type SideResult } from "./side-result.js";

const script = fileURLToPath(new URL("./bare-drop-server.js", import.meta.url));

/** The bare drop server (bare-drop-server.ts) in its own process, under the same load as OpenVAN. */
export async function runBareSide(load: SideLoad): Promise<SideResult> {
  const dir = await mkdtemp(join(load.workDir, "drop-"));
  const child = startChild([
    ...load.serverNodeFlags,
    script,
    "--dir",
    dir,
    "--port",
    String(await freePort()),
  ]);
  const url = await waitFor(
    child,
    () => /listening on (\S+)/.exec(child.output())?.[1] ?? null,
    "the bare drop server",
  );
  const send = (bodies: readonly Buffer[]) =>
    sendLoad({ origin: url, path: "/drop", headers: {}, bodies, concurrency: load.concurrency });
  let measured: Awaited<ReturnType<typeof sendLoad>>;
  let cpu = 0;
  let peak = 0;
  try {
    await send(load.warmUp);
    const cpuBefore = child.cpuSeconds();
    measured = await send(load.bodies);
    cpu = child.cpuSeconds() - cpuBefore;
    peak = child.peakRssMB();
  } finally {
    await child.stop();
  }
  const acks = ackFigures(measured);
  return {
    name: "bare Fastify drop (file + fsync)",
    count: load.bodies.length,
    failed: acks.failed,
    ackRate: acks.rate,
    ackP50: acks.p50,
    ackP99: acks.p99,
    routedRate: null,
    routedP50: null,
    routedP99: null,
    peakRssMB: peak,
    cpuSeconds: cpu,
    problems: acks.failed > 0 ? [`${acks.failed} sends failed, first: ${measured.firstFailure}`] : [],
  };
}
