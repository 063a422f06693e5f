/** The envelope level a control number is for. */
export type ControlLevel = "interchange" | "group" | "set";

/**
 * Supplies control numbers for envelopes being written. The network keeps durable per-sender sequences
 * behind this port; `sequentialControlNumbers` is the in-memory one for tools and tests.
 */
export interface ControlNumberSource {
  next(level: ControlLevel): number;
}

export function sequentialControlNumbers(
  start: Partial<Record<ControlLevel, number>> = {},
): ControlNumberSource {
  const counters: Record<ControlLevel, number> = {
    interchange: (start.interchange ?? 1) - 1,
    group: (start.group ?? 1) - 1,
    set: (start.set ?? 1) - 1,
  };
  return {
    next(level) {
      counters[level] += 1;
      return counters[level];
    },
  };
}
