import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { loadAverage } from "../network/proc-status.js";
import type { BenchContext } from "./bench-section.js";
import { sections } from "./sections.js";

/**
 * `node dist-bench/bench/channels/run.js [--only NAME] [section options]`: each channel of OpenVAN beside the
 * peer it should match, in one run (see sections.ts). Needs `npm run build` first (the servers run bin/openvan.js).
 */
const args = process.argv.slice(2);
const log = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  const value = at < 0 ? Number.NaN : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const only = args.indexOf("--only") < 0 ? null : args[args.indexOf("--only") + 1];

log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x ${cpus().length}`);
log(`load average at start: ${loadAverage()}`);
let ok = true;
for (const section of sections) {
  if (only !== null && section.name !== only) continue;
  const workDir = await mkdtemp(join(tmpdir(), `openvan-bench-${section.name}-`));
  const context: BenchContext = { args, workDir, log, option };
  log();
  log(`== ${section.name} ==`);
  try {
    ok = (await section.run(context)) && ok;
  } catch (error) {
    log(
      `${section.name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    ok = false;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
log();
log(`load average at end: ${loadAverage()}`);
if (!ok) process.exitCode = 1;
