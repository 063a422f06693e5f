import { cpus } from "node:os";
import { runBig } from "./big.js";
import { edifactPeers, floor, openVan, x12Peers } from "./contenders-list.js";
import { edifactOrders, x12Orders } from "./datasets.js";
import { ensureDataset } from "./ensure-dataset.js";
import { edifactGoals, x12Goals } from "./goals.js";
import { runSuite } from "./suite.js";

/**
 * `node dist-bench/bench/edi/run.js`: OpenVAN's EDI reader against peers and a floor on 50 MB of X12 and of
 * EDIFACT. `--big`: OpenVAN's reader alone on 1 GB of X12, for peak memory.
 */
const RUNS = 3;
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x ${cpus().length}; 1 MB = 10^6 bytes`);
log("streaming contenders read 64 KiB chunks; contenders run one at a time");

if (process.argv.includes("--big")) {
  const correct = await runBig(log);
  if (!correct) process.exitCode = 1;
} else {
  const x12 = ensureDataset(x12Orders, log);
  const edifact = ensureDataset(edifactOrders, log);
  const outcomes = [
    await runSuite(x12, [floor, openVan, ...x12Peers], x12Goals, RUNS, log),
    await runSuite(edifact, [floor, openVan, ...edifactPeers], edifactGoals, RUNS, log),
  ];
  const met = outcomes.reduce((sum, outcome) => sum + outcome.goalsMet, 0);
  const total = outcomes.reduce((sum, outcome) => sum + outcome.goalsTotal, 0);
  log("");
  log(`goals met: ${met} of ${total}`);
  if (outcomes.some((outcome) => !outcome.openVanCorrect)) process.exitCode = 1;
}
