/** One part of `npm run bench:channels`: a channel measured beside its peer, in the same run. */
export interface BenchSection {
  /** Chosen with `--only NAME`. */
  readonly name: string;
  /** Runs the measurements and prints the figures; false when a goal was missed or a check failed. */
  run(context: BenchContext): Promise<boolean>;
}

export interface BenchContext {
  readonly args: readonly string[];
  /** A folder of its own for the section's files, removed after the run. */
  readonly workDir: string;
  log(line?: string): void;
  /** A numeric `--name N` option, or the fallback. */
  option(name: string, fallback: number): number;
}
