import { Command, CommanderError } from "commander";
import { isOpenVanError } from "../kernel/index.js";
import { type CliIo, processIo } from "./cli-io.js";
import { addClientCommands } from "./client/add-client-commands.js";
import { addInspectCommand } from "./inspect-command.js";
import { packageVersion } from "./package-version.js";
import { addServeCommand } from "./serve-command.js";
import { addValidateCommand } from "./validate-command.js";

/**
 * Runs the `openvan` command and returns its exit code: 0 when all went well, 1 when the input has errors or
 * the server refused, 2 for a usage error (unknown option, missing argument, a path that does not exist),
 * 3 when the server cannot be reached.
 * `argv` is in the form of `process.argv`: the node binary and the script come first.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "node" });
    return exitCode;
  } catch (error) {
    return usageErrorCode(error, io);
  }
}

function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("openvan")
    .description("OpenVAN, an open EDI value-added network")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  addInspectCommand(program, io, setExitCode);
  addServeCommand(program, io, setExitCode);
  addValidateCommand(program, io, setExitCode);
  addClientCommands(program, io, setExitCode);
  return program;
}

/** Commander has already printed its own usage errors; OpenVAN's are printed here. Anything else is a bug. */
function usageErrorCode(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (isOpenVanError(error)) {
    io.stderr.write(`openvan: ${error.code}: ${error.message}\n`);
    return 2;
  }
  throw error;
}
