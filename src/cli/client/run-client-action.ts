import type { CliIo } from "../cli-io.js";
import { ApiError, formatApiError, ServerUnreachableError } from "./api-errors.js";

/** Exit codes of the commands that talk to a server; 2 (usage) is main's. */
export const clientExitCodes = { ok: 0, failed: 1, unreachable: 3 } as const;

/**
 * Runs a client command and turns its outcome into an exit code: the server's errors are printed as
 * `openvan: CODE: message` (exit 1), no answer at all as CLI_SERVER_UNREACHABLE (exit 3). Usage errors
 * (OpenVanError) go on to main, which prints them and exits 2.
 */
export async function runClientAction(
  io: CliIo,
  setExitCode: (code: number) => void,
  action: () => Promise<number>,
): Promise<void> {
  try {
    setExitCode(await action());
  } catch (error) {
    if (error instanceof ApiError) {
      io.stderr.write(formatApiError(error));
      setExitCode(clientExitCodes.failed);
    } else if (error instanceof ServerUnreachableError) {
      io.stderr.write(`openvan: ${error.code}: ${error.message}\n`);
      setExitCode(clientExitCodes.unreachable);
    } else {
      throw error;
    }
  }
}
