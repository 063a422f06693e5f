import type { FileReport } from "./file-report.js";

/** Counts files as they are inspected, for the `--summary` line. */
export class InspectTally {
  files = 0;
  ok = 0;
  withErrors = 0;

  add(report: FileReport): void {
    this.files++;
    if (report.errors.length === 0) this.ok++;
    else this.withErrors++;
  }

  line(): string {
    return `${this.files} files, ${this.ok} ok, ${this.withErrors} with errors`;
  }
}
