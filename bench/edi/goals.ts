/** The targets the issue sets for OpenVAN's reader; printed beside the figures. */
export interface SuiteGoals {
  readonly minMbPerSec: number;
  /** OpenVAN time / floor time. */
  readonly maxFloorRatio: number;
  /** OpenVAN speed / fastest correct peer speed. */
  readonly minPeerRatio: number;
}

export const x12Goals: SuiteGoals = { minMbPerSec: 120, maxFloorRatio: 2, minPeerRatio: 5 };
export const edifactGoals: SuiteGoals = { minMbPerSec: 70, maxFloorRatio: 2, minPeerRatio: 5 };

/** Peak RSS while reading the 1 GB X12 file. */
export const bigFileMaxRssMB = 100;

export function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}
