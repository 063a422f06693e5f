/** What a generator wrote: the truth that readers' counts are checked against. */
export interface DatasetFacts {
  readonly bytes: number;
  /** Every segment, envelope segments included, the UNA service string advice not. */
  readonly segments: number;
  /** UNA headers; a reader may count each as one more segment. */
  readonly serviceStringAdvice: number;
  /** Transaction sets (ST…SE) or messages (UNH…UNT). */
  readonly sets: number;
  readonly interchanges: number;
}

export interface DatasetSpec {
  readonly label: string;
  readonly fileName: string;
  readonly targetBytes: number;
  readonly seed: number;
  readonly generate: (path: string, targetBytes: number, seed: number) => DatasetFacts;
}
