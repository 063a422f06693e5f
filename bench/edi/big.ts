import { runContender } from "./contender.js";
import type { ContenderResult } from "./contender-result.js";
import { floor, openVan } from "./contenders-list.js";
import type { DatasetFacts } from "./dataset.js";
import { x12OrdersBig } from "./datasets.js";
import { ensureDataset } from "./ensure-dataset.js";
import { bigFileMaxRssMB, verdict } from "./goals.js";
import { count, fixed, textTable } from "./text-table.js";

/** Reads a 1 GB X12 file once with OpenVAN's reader (and the floor for reference), each in its own process. */
export async function runBig(log: (line: string) => void): Promise<boolean> {
  const dataset = ensureDataset(x12OrdersBig, log);
  const { facts } = dataset;
  log("");
  log(
    `== ${x12OrdersBig.label}: ${fixed(facts.bytes / 1e6, 1)} MB, ${count(facts.segments)} segments, ` +
      `${count(facts.sets)} sets (one run each, in its own process) ==`,
  );
  const results: ContenderResult[] = [];
  for (const contender of [floor, openVan]) results.push(await runContender(contender, dataset.path));
  log(
    textTable([
      ["contender", "MB/s", "seconds", "peak RSS MB", "segments", "sets"],
      ...results.map((result) => [
        result.name,
        fixed(result.mbPerSec, 1),
        fixed(result.seconds, 2),
        fixed(result.peakRssMB, 1),
        count(result.segments),
        result.sets === null ? "-" : count(result.sets),
      ]),
    ]),
  );
  const reader = results[1];
  if (reader === undefined) return false;
  const problems = readerProblems(reader, facts);
  for (const problem of problems) log(`warning: OpenVAN ${problem}`);
  const correct = problems.length === 0;
  log("");
  log(
    `OpenVAN peak RSS ${fixed(reader.peakRssMB, 1)} MB, goal < ${bigFileMaxRssMB} MB: ` +
      verdict(correct && reader.peakRssMB < bigFileMaxRssMB),
  );
  log(`OpenVAN speed ${fixed(reader.mbPerSec, 1)} MB/s`);
  return correct;
}

function readerProblems(reader: ContenderResult, facts: DatasetFacts): string[] {
  if (reader.failed !== null) return [`failed: ${reader.failed}`];
  const problems: string[] = [];
  if (reader.errors > 0)
    problems.push(`${count(reader.errors)} reader errors, first: ${reader.firstError ?? "?"}`);
  if (reader.segments !== facts.segments) {
    problems.push(`saw ${count(reader.segments)} segments, the generator wrote ${count(facts.segments)}`);
  }
  if (reader.sets !== facts.sets) {
    problems.push(`saw ${count(reader.sets ?? 0)} sets, the generator wrote ${count(facts.sets)}`);
  }
  return problems;
}
