import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { edifactOrders, x12Orders } from "../edi/datasets.js";
import { ensureDataset } from "../edi/ensure-dataset.js";
import { count, fixed, textTable } from "../edi/text-table.js";
import type { Measurement, Mode } from "./measure.js";

/**
 * `npm run bench:validate`: documents validated per second on 50 MB of X12 850s and of EDIFACT ORDERS
 * against the built-in guides, beside the bare reader on the same file in the same run. Each pass runs in a
 * fresh process (peak RSS is its own); the best of three is kept. Goal: validation at most 3x bare reading.
 */
const RUNS = 3;
const MAX_RATIO = 3;
const worker = fileURLToPath(new URL("./worker.js", import.meta.url));
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function best(mode: Mode, path: string): Measurement {
  let kept: Measurement | null = null;
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [worker, mode, path], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const m = JSON.parse(out) as Measurement;
    if (kept === null || m.seconds < kept.seconds) kept = m;
  }
  return kept as Measurement;
}

log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x ${cpus().length}; 1 MB = 10^6 bytes`);
log(`each pass in its own process, 64 KiB chunks, best of ${RUNS}`);
let met = 0;
const datasets = [x12Orders, edifactOrders];
for (const spec of datasets) {
  const data = ensureDataset(spec, log);
  const read = best("read", data.path);
  const validate = best("validate", data.path);
  const ratio = validate.seconds / read.seconds;
  const ok = ratio <= MAX_RATIO && validate.guided === validate.sets && validate.sets === read.sets;
  if (ok) met++;
  log("");
  log(`${spec.label}: ${fixed(data.facts.bytes / 1e6, 1)} MB, ${count(read.sets)} documents`);
  const row = (label: string, m: Measurement): string[] => [
    label,
    fixed(m.seconds, 2),
    fixed(m.bytes / 1e6 / m.seconds, 1),
    count(Math.round(m.sets / m.seconds)),
    fixed(m.peakRssMB, 0),
  ];
  log(
    textTable([
      ["", "seconds", "MB/s", "documents/s", "peak RSS MB"],
      row("bare reading", read),
      row("validation", validate),
    ]),
  );
  log(
    `validation / bare reading: ${fixed(ratio, 2)}x (goal <= ${MAX_RATIO}x) ${ratio <= MAX_RATIO ? "met" : "NOT met"}; ` +
      `${count(validate.guided)} of ${count(validate.sets)} documents had a guide; ${count(validate.findings)} findings; ` +
      `loading the built-in guides took ${fixed(validate.guideLoadSeconds * 1000, 0)} ms (once per process, not timed above)`,
  );
}
log("");
log(`goals met: ${met} of ${datasets.length}`);
if (met < datasets.length) process.exitCode = 1;
