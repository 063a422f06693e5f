import { percentile } from "./percentile.js";
import type { LoadResult } from "./send-load.js";

/** The figures of one server under the same load. Rates are per second, latencies in milliseconds. */
export interface SideResult {
  readonly name: string;
  readonly count: number;
  readonly failed: number;
  /** Answers 202 per second: the bodies / (last 202 − first send). */
  readonly ackRate: number;
  readonly ackP50: number;
  readonly ackP99: number;
  /** Interchanges routed per second, end to end: the bodies / (last routed − first send); null: no routing. */
  readonly routedRate: number | null;
  readonly routedP50: number | null;
  readonly routedP99: number | null;
  readonly peakRssMB: number;
  /** CPU time of the server process during the measured load, in seconds. */
  readonly cpuSeconds: number;
  readonly problems: readonly string[];
}

/** The 202 half of a side's figures: rate and send → 202 latencies, from the client's clock. */
export function ackFigures(load: LoadResult): { rate: number; p50: number; p99: number; failed: number } {
  const latencies: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (let i = 0; i < load.sentAt.length; i++) {
    const sent = load.sentAt[i] as number;
    const acked = load.ackedAt[i] as number;
    first = Math.min(first, sent);
    last = Math.max(last, acked);
    latencies.push(acked - sent);
  }
  const failed = [...load.failures.values()].reduce((sum, n) => sum + n, 0);
  return {
    rate: (load.sentAt.length / (last - first)) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
  };
}
