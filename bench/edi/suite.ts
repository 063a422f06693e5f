import { bestOf, type Contender, runContender } from "./contender.js";
import type { ContenderResult } from "./contender-result.js";
import { countProblems } from "./count-check.js";
import type { Dataset } from "./ensure-dataset.js";
import { type SuiteGoals, verdict } from "./goals.js";
import { count, fixed, textTable } from "./text-table.js";

export interface SuiteOutcome {
  readonly goalsMet: number;
  readonly goalsTotal: number;
  readonly openVanCorrect: boolean;
}

interface Row {
  readonly contender: Contender;
  readonly result: ContenderResult;
}

/** Runs every contender `runs` times over the dataset, round-robin, one process at a time, then prints. */
export async function runSuite(
  dataset: Dataset,
  contenders: readonly Contender[],
  goals: SuiteGoals,
  runs: number,
  log: (line: string) => void,
): Promise<SuiteOutcome> {
  const { facts, spec } = dataset;
  log("");
  log(
    `== ${spec.label}: ${fixed(facts.bytes / 1e6, 1)} MB, ${count(facts.segments)} segments, ` +
      `${count(facts.sets)} sets, ${count(facts.interchanges)} interchanges ==`,
  );
  const results = new Map<Contender, ContenderResult[]>(contenders.map((contender) => [contender, []]));
  for (let round = 1; round <= runs; round++) {
    const line: string[] = [];
    for (const contender of contenders) {
      const result = await runContender(contender, dataset.path);
      results.get(contender)?.push(result);
      line.push(`${contender.name} ${result.failed === null ? fixed(result.seconds, 2) : "failed"}`);
    }
    log(`run ${round}/${runs} (s): ${line.join(", ")}`);
  }
  const rows: Row[] = contenders.map((contender) => ({
    contender,
    result: bestOf(results.get(contender) ?? []),
  }));
  return report(dataset, rows, goals, runs, log);
}

interface GoalCheck {
  readonly measure: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean;
}

function report(
  dataset: Dataset,
  rows: readonly Row[],
  goals: SuiteGoals,
  runs: number,
  log: (line: string) => void,
): SuiteOutcome {
  const { facts } = dataset;
  const floor = rows.find((row) => row.contender.role === "floor")?.result;
  const openVan = rows.find((row) => row.contender.role === "openvan")?.result;
  if (floor === undefined || openVan === undefined) throw new Error("a suite needs the floor and OpenVAN");
  const problems = new Map(rows.map((row) => [row.result, countProblems(row.result, floor, facts)]));
  const isCorrect = (result: ContenderResult): boolean => problems.get(result)?.length === 0;

  log(`best of ${runs} runs per contender, each run in its own process; peak RSS is the highest of the runs`);
  log(
    textTable([
      ["contender", "MB/s", "seconds", "peak RSS MB", "segments", "sets", "counts"],
      ...rows.map(({ result }) => [
        result.name,
        fixed(result.mbPerSec, 1),
        fixed(result.seconds, 3),
        fixed(result.peakRssMB, 1),
        count(result.segments),
        result.sets === null ? "-" : count(result.sets),
        isCorrect(result) ? "ok" : "WRONG",
      ]),
    ]),
  );
  if (floor.segments !== facts.segments) {
    log(
      `warning: the floor counted ${count(floor.segments)} segments, the generator wrote ${count(facts.segments)}`,
    );
  }
  for (const { result } of rows) {
    for (const problem of problems.get(result) ?? []) log(`warning: ${result.name} ${problem}`);
  }
  const openVanCorrect = isCorrect(openVan);
  if (openVanCorrect) log("check: OpenVAN and the floor agree on the segment count");

  const peers = rows.filter((row) => row.contender.role === "peer").map((row) => row.result);
  const fastestPeer = fastest(peers.filter(isCorrect));
  const fastestAnyPeer = fastest(peers.filter((result) => result.failed === null));
  const floorRatio = openVan.seconds / floor.seconds;
  const checks: GoalCheck[] = [
    {
      measure: "OpenVAN speed",
      value: `${fixed(openVan.mbPerSec, 1)} MB/s`,
      goal: `>= ${goals.minMbPerSec} MB/s`,
      met: openVanCorrect && openVan.mbPerSec >= goals.minMbPerSec,
    },
    {
      measure: "OpenVAN time / floor time",
      value: ratio(floorRatio, 2),
      goal: `<= ${goals.maxFloorRatio}x`,
      met: openVanCorrect && floorRatio <= goals.maxFloorRatio,
    },
    peerCheck(openVan, fastestPeer, goals, openVanCorrect),
  ];
  log("");
  log(
    textTable([
      ["measure", "value", "goal", ""],
      ...checks.map((check) => [check.measure, check.value, check.goal, verdict(check.met)]),
    ]),
  );
  if (fastestAnyPeer !== undefined && fastestAnyPeer !== fastestPeer) {
    log(
      `for reference, OpenVAN speed / fastest peer counting wrongly (${fastestAnyPeer.name}): ` +
        `${ratio(openVan.mbPerSec / fastestAnyPeer.mbPerSec, 1)}`,
    );
  }
  return {
    goalsMet: checks.filter((check) => check.met).length,
    goalsTotal: checks.length,
    openVanCorrect,
  };
}

function peerCheck(
  openVan: ContenderResult,
  fastestPeer: ContenderResult | undefined,
  goals: SuiteGoals,
  openVanCorrect: boolean,
): GoalCheck {
  const goal = `>= ${goals.minPeerRatio}x`;
  if (fastestPeer === undefined) {
    return { measure: "OpenVAN speed / fastest correct peer", value: "no correct peer", goal, met: false };
  }
  const speedRatio = openVan.mbPerSec / fastestPeer.mbPerSec;
  return {
    measure: `OpenVAN speed / fastest correct peer (${fastestPeer.name})`,
    value: ratio(speedRatio, 1),
    goal,
    met: openVanCorrect && speedRatio >= goals.minPeerRatio,
  };
}

function fastest(results: readonly ContenderResult[]): ContenderResult | undefined {
  return results.reduce<ContenderResult | undefined>(
    (best, result) => (best === undefined || result.mbPerSec > best.mbPerSec ? result : best),
    undefined,
  );
}

function ratio(value: number, digits: number): string {
  return Number.isFinite(value) && value > 0 ? `${fixed(value, digits)}x` : "-";
}
