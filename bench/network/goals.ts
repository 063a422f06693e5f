/** The targets the network-core issue sets; printed beside the figures. */
export const networkGoals = {
  /** Interchanges routed end to end per second. */
  minRoutedPerSec: 3000,
  /** OpenVAN routed/s ÷ the bare drop's 202/s. */
  minFloorRatio: 0.5,
  /** Peak RSS of the server while a 5 GB file goes up and comes back down. */
  bigFileMaxRssMB: 200,
} as const;

export function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}
