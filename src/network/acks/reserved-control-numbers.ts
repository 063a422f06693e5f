import type { ControlLevel, ControlNumberSource } from "../../edi/index.js";

export type LevelCounts = Record<ControlLevel, number>;

/** The largest control number every envelope field can hold (ISA13 and GS06 have nine digits). */
const largest = 999_999_999;

/** A source that hands out 1 and counts what is asked of it: a dry run tells how many numbers to reserve. */
export function countingControlNumbers(): { source: ControlNumberSource; counts: LevelCounts } {
  const counts: LevelCounts = { interchange: 0, group: 0, set: 0 };
  return {
    counts,
    source: {
      next(level) {
        counts[level] += 1;
        return 1;
      },
    },
  };
}

/**
 * Hands out the numbers of reserved blocks, from the first of each on, in the order the renderer asks (the
 * same order as the dry run, as rendering is deterministic). Sequences wrap around to 1 after 999999999.
 */
export function reservedControlNumbers(first: LevelCounts): ControlNumberSource {
  const offsets: LevelCounts = { interchange: 0, group: 0, set: 0 };
  return {
    next(level) {
      const n = first[level] + offsets[level];
      offsets[level] += 1;
      return ((n - 1) % largest) + 1;
    },
  };
}
