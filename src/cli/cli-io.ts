/** Anything text can be written to: a process stream, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Where a command writes its output and its diagnostics. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

/** The process's own streams, for `bin/openvan.js`. */
export function processIo(): CliIo {
  process.stdout.on("error", stopOnClosedPipe);
  return { stdout: process.stdout, stderr: process.stderr };
}

/** Whoever read the output has gone (`openvan inspect … | head`): stop quietly, as a SIGPIPE would. */
function stopOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE") throw error;
  process.exit();
}
