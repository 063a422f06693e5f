import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { collectFiles } from "./collect-files.js";
import { formatInspectJson } from "./format-inspect-json.js";
import { formatInspectText } from "./format-inspect-text.js";
import { inspectFile } from "./inspect-file.js";
import { InspectTally } from "./inspect-tally.js";

export interface InspectOptions {
  readonly json?: boolean;
  readonly summary?: boolean;
}

/** `openvan inspect PATH...`: the envelopes and errors of every file, one file at a time. */
export function addInspectCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("inspect")
    .description("read EDI files and print their interchanges, groups, sets and errors")
    .argument("<paths...>", "files or folders (folders are walked recursively)")
    .option("--json", "print one JSON object per file, one per line")
    .option("--summary", "end with the line `N files, N ok, N with errors`")
    .action(async (paths: string[], options: InspectOptions) => {
      setExitCode(await inspect(paths, options, io));
    });
}

/** Exit code 0 when every file is free of errors, 1 otherwise. */
export async function inspect(paths: readonly string[], options: InspectOptions, io: CliIo): Promise<number> {
  const files = await collectFiles(paths);
  const tally = new InspectTally();
  for (const file of files) {
    const report = await inspectFile(file);
    tally.add(report);
    io.stdout.write(options.json ? formatInspectJson(report) : formatInspectText(report));
  }
  if (options.summary) io.stdout.write(`${tally.line()}\n`);
  return tally.withErrors === 0 ? 0 : 1;
}
