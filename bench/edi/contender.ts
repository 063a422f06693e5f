import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type ContenderResult, isContenderResult } from "./contender-result.js";

/** A contender is a script in contenders/ that reads one file in its own process. */
export interface Contender {
  readonly name: string;
  readonly script: string;
  readonly role: "floor" | "openvan" | "peer";
  /** Extra flags for node, e.g. a larger heap for whole-file parsers. */
  readonly nodeFlags?: readonly string[];
}

const MAX_OUTPUT = 16 << 20;
const TIMEOUT_MS = 10 * 60 * 1000;

/** Runs one contender over one file in a fresh child process and returns what it reported. */
export function runContender(contender: Contender, file: string): Promise<ContenderResult> {
  const script = fileURLToPath(new URL(`./contenders/${contender.script}`, import.meta.url));
  const args = [...(contender.nodeFlags ?? []), script, file];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { maxBuffer: MAX_OUTPUT, timeout: TIMEOUT_MS },
      (error, stdout, stderr) => {
        const lastLine = stdout.trim().split("\n").pop() ?? "";
        const parsed = parseResult(lastLine);
        if (parsed !== undefined) {
          resolve(parsed);
          return;
        }
        resolve(failedResult(contender.name, failureReason(stderr) ?? error?.message ?? "no result printed"));
      },
    );
  });
}

/** The first line of stderr that names an error, e.g. `Error [ERR_MODULE_NOT_FOUND]: Cannot find module …`. */
function failureReason(stderr: string): string | undefined {
  const lines = stderr.split("\n").map((line) => line.trim());
  return lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.find((line) => line !== "");
}

function parseResult(line: string): ContenderResult | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isContenderResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function failedResult(name: string, reason: string): ContenderResult {
  return {
    name,
    bytes: 0,
    seconds: Number.NaN,
    segments: 0,
    sets: null,
    mbPerSec: 0,
    peakRssMB: Number.NaN,
    errors: 0,
    firstError: null,
    failed: reason,
  };
}

/** The fastest of several runs, with the highest peak RSS any of them reached. A failed run wins. */
export function bestOf(runs: readonly ContenderResult[]): ContenderResult {
  const failed = runs.find((run) => run.failed !== null);
  if (failed !== undefined) return failed;
  const [first, ...rest] = runs;
  if (first === undefined) throw new Error("no runs");
  const fastest = rest.reduce((best, run) => (run.seconds < best.seconds ? run : best), first);
  const peakRssMB = Math.max(...runs.map((run) => run.peakRssMB));
  return { ...fastest, peakRssMB };
}
