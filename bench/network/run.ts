import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fixed, textTable } from "../edi/text-table.js";
import { runBareSide } from "./bare-side.js";
import { runBigRoundTrip } from "./big-round-trip.js";
import { networkGoals, verdict } from "./goals.js";
import { interchange2k } from "./interchange-2k.js";
import { runOpenVanSide, type SideLoad } from "./openvan-side.js";
import { loadAverage } from "./proc-status.js";
import type { SideResult } from "./side-result.js";

/**
 * `node dist-bench/bench/network/run.js [--count N] [--runs R (3)] [--concurrency C]`: 2 KB X12 interchanges
 * sent over HTTP to OpenVAN on the embedded default and to a bare Fastify drop server, each in its own
 * process, in the same run. `--server-node-flags "…"` passes flags to both servers' node (for instance
 * `--cpu-prof --cpu-prof-dir DIR` to profile them). `--big [--gb G]`: a 5 GB file up and down through OpenVAN,
 * for peak memory and integrity.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  const value = at < 0 ? Number.NaN : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const log = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};

log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x ${cpus().length}`);
log(`load average at start: ${loadAverage()}`);

if (args.includes("--big")) {
  const ok = await runBigRoundTrip(option("--gb", 5), log);
  if (!ok) process.exitCode = 1;
} else {
  const count = option("--count", 20_000);
  const runs = option("--runs", 3);
  const concurrency = option("--concurrency", 32);
  const warmUpCount = Math.min(2000, Math.ceil(count / 10));
  // Control numbers: the warm-up's before the measured ones, so that every interchange of a run is distinct
  // and the sender's numbers rise as a real sender's do (numbers below the warm-up's would each be noted as
  // a late arrival by the network's control-number watch).
  const warmUp = Array.from({ length: warmUpCount }, (_, i) => interchange2k(i + 1));
  const bodies = Array.from({ length: count }, (_, i) => interchange2k(warmUpCount + i + 1));
  const flags = args.indexOf("--server-node-flags");
  const serverNodeFlags = flags < 0 ? [] : (args[flags + 1] ?? "").split(" ").filter((flag) => flag !== "");
  const workDir = await mkdtemp(join(tmpdir(), "openvan-bench-"));
  const load: SideLoad = { warmUp, bodies, concurrency, serverNodeFlags, workDir };
  const size = bodies.reduce((sum, body) => sum + body.length, 0) / count;
  log(
    `${count} X12 interchanges of ${fixed(size, 0)} bytes from ACMEFOODS to GROCERYMART, ${concurrency} ` +
      `concurrent senders on kept-alive connections, after ${warmUpCount} for warm-up; ${runs} run(s) per ` +
      "server, alternating, each server in its own process",
  );
  log(
    "202 latency: client send → 202 (durable). routed: client send → the message.routed event in OpenVAN's " +
      "events table (read after the run), rate = count / (last routed − first send)",
  );
  const openVan: SideResult[] = [];
  const bare: SideResult[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      openVan.push(await runOpenVanSide(load));
      log(`  run ${run + 1}: OpenVAN done (load average ${loadAverage()})`);
      bare.push(await runBareSide(load));
      log(`  run ${run + 1}: bare drop done (load average ${loadAverage()})`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const best = (results: SideResult[], rate: (r: SideResult) => number): SideResult =>
    results.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const bestOpenVan = best(openVan, (r) => r.routedRate ?? 0);
  const bestBare = best(bare, (r) => r.ackRate);
  const ms = (value: number | null): string => (value === null ? "-" : fixed(value, 1));
  log();
  log(
    textTable([
      [
        "server",
        "202/s",
        "202 p50 ms",
        "202 p99 ms",
        "routed/s",
        "routed p50 ms",
        "routed p99 ms",
        "RSS MB",
        "CPU s",
        "CPU ms/msg",
      ],
      ...[...openVan, ...bare].map((r) => [
        r.name,
        fixed(r.ackRate, 0),
        ms(r.ackP50),
        ms(r.ackP99),
        r.routedRate === null ? "-" : fixed(r.routedRate, 0),
        ms(r.routedP50),
        ms(r.routedP99),
        fixed(r.peakRssMB, 0),
        fixed(r.cpuSeconds, 1),
        fixed((r.cpuSeconds * 1000) / r.count, 3),
      ]),
    ]),
  );
  for (const r of [...openVan, ...bare])
    for (const problem of r.problems) log(`warning: ${r.name}: ${problem}`);
  const routed = bestOpenVan.routedRate ?? 0;
  const ratio = routed / bestBare.ackRate;
  log();
  log(`best of ${runs}: OpenVAN routed ${fixed(routed, 0)}/s, bare drop ${fixed(bestBare.ackRate, 0)}/s`);
  log(`OpenVAN 202/s ÷ bare drop 202/s: ${fixed(bestOpenVan.ackRate / bestBare.ackRate, 2)}`);
  log(
    `OpenVAN routed/s ÷ bare drop 202/s: ${fixed(ratio, 2)}, goal ≥ ${networkGoals.minFloorRatio}: ` +
      verdict(ratio >= networkGoals.minFloorRatio),
  );
  log(
    `OpenVAN routed/s: ${fixed(routed, 0)}, goal ≥ ${networkGoals.minRoutedPerSec}: ` +
      verdict(routed >= networkGoals.minRoutedPerSec),
  );
  log(`load average at end: ${loadAverage()}`);
  if ([...openVan, ...bare].some((r) => r.problems.length > 0)) process.exitCode = 1;
}
