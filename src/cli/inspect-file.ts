import { createReadStream } from "node:fs";
import { type Interchange, readEdiStream } from "../edi/index.js";
import type { FileError, FileReport } from "./file-report.js";

/**
 * Streams one file through the EDI reader. Memory holds the envelope model, not the file. A file that cannot
 * be read is reported with CLI_FILE_UNREADABLE, keeping what was read before the failure.
 */
export async function inspectFile(file: string): Promise<FileReport> {
  const interchanges: Interchange[] = [];
  const errors: FileError[] = [];
  const stream = createReadStream(file);
  try {
    await readEdiStream(stream, {
      interchangeEnd: (interchange) => interchanges.push(interchange),
      error: (error) => errors.push(error),
    });
  } catch (cause) {
    if (!isSystemError(cause)) throw cause;
    errors.push({
      code: "CLI_FILE_UNREADABLE",
      message: `cannot read ${file}: ${cause.message}`,
      offset: stream.bytesRead,
      segment: 0,
    });
  }
  return { file, interchanges, errors };
}

/** An error from the operating system (ENOENT, EACCES, EISDIR, EIO, …), as opposed to a bug. */
function isSystemError(value: unknown): value is NodeJS.ErrnoException {
  return value instanceof Error && typeof (value as NodeJS.ErrnoException).code === "string";
}
