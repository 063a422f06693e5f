import type { ContenderResult } from "./contender-result.js";
import type { DatasetFacts } from "./dataset.js";
import { count } from "./text-table.js";

/**
 * Whether a contender saw the file as the floor did. The floor does not count the UNA service string advice;
 * a reader that reports UNA as a segment sees exactly that many more.
 */
export function sameSegmentCount(
  result: ContenderResult,
  floor: ContenderResult,
  facts: DatasetFacts,
): boolean {
  return result.segments === floor.segments || result.segments === floor.segments + facts.serviceStringAdvice;
}

/** Empty when the contender read the file correctly, else what was wrong. */
export function countProblems(
  result: ContenderResult,
  floor: ContenderResult,
  facts: DatasetFacts,
): string[] {
  if (result.failed !== null) return [`failed: ${result.failed}`];
  const problems: string[] = [];
  if (result.errors > 0)
    problems.push(`${count(result.errors)} reader errors, first: ${result.firstError ?? "?"}`);
  if (!sameSegmentCount(result, floor, facts)) {
    const delta = result.segments - floor.segments;
    problems.push(
      `saw ${count(result.segments)} segments, the floor ${count(floor.segments)} (${delta > 0 ? "+" : ""}${count(delta)})`,
    );
  }
  if (result.sets !== null && result.sets !== facts.sets) {
    problems.push(`saw ${count(result.sets)} sets, the generator wrote ${count(facts.sets)}`);
  }
  return problems;
}
