import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { OpenVanError } from "../../kernel/index.js";
import type { CliIo } from "../cli-io.js";
import type { ApiClient } from "./api-client.js";
import { ServerUnreachableError } from "./api-errors.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";
import { type UploadProgress, uploadProgress } from "./upload-progress.js";

export interface SendOptions extends ServerOptions {
  readonly to?: string;
  readonly idempotencyKey?: string;
  readonly json?: boolean;
}

/** `openvan send FILE`: uploads one file, streamed, and prints the id of the message it became. */
export function addSendCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  withServerOptions(
    program
      .command("send")
      .description("send a file to the network: X12 and EDIFACT are routed by their envelopes")
      .argument("<file>", "the file to send")
      .option("--to <QUAL:ID>", "the recipient (required for a file that is not X12 or EDIFACT)")
      .option("--idempotency-key <key>", "a key for safe retries: sending again with it returns the first id")
      .option("--json", "print the server's answer as JSON"),
  ).action(async (file: string, options: SendOptions) => {
    await runClientAction(io, setExitCode, () => send(clientFor(options), file, options, io));
  });
}

export async function send(
  client: ApiClient,
  file: string,
  options: SendOptions,
  io: CliIo,
): Promise<number> {
  const to = printable(options.to, "MESSAGE_RECIPIENT_INVALID", "--to");
  const idempotencyKey = printable(options.idempotencyKey, "CONFIG_INVALID", "--idempotency-key");
  const handle = await openFile(file);
  const reading = { error: undefined as unknown };
  try {
    const size = (await handle.stat()).size;
    const progress = uploadProgress(io.stderr, basename(file), size);
    let answer: Awaited<ReturnType<ApiClient["sendMessage"]>>;
    try {
      answer = await client.sendMessage(readCounted(handle, size, progress, reading), {
        filename: basename(file),
        size,
        ...(to === undefined ? {} : { to }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      });
    } finally {
      progress.finish();
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify(answer)}\n`);
    } else {
      io.stdout.write(`${answer.id}\n`);
      if (answer.replay) io.stderr.write(`openvan: ${file} was received before; this is that message's id\n`);
    }
    return 0;
  } catch (error) {
    // A read error of our own file ends the upload too; fetch reports it as a network failure.
    if (error instanceof ServerUnreachableError && reading.error !== undefined) {
      throw new OpenVanError(
        "CLI_FILE_UNREADABLE",
        `${file}: ${reason(reading.error)}`,
        {},
        { cause: error },
      );
    }
    throw error;
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The file's bytes as they are read, counted against the size the request announced. */
async function* readCounted(
  handle: FileHandle,
  size: number,
  progress: UploadProgress,
  reading: { error: unknown },
): AsyncGenerator<Uint8Array> {
  let read = 0;
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 256 * 1024 })) {
      const bytes = chunk as Buffer;
      read += bytes.length;
      if (read > size) throw new Error(`the file grew past ${size} bytes while it was sent`);
      progress.advance(bytes.length);
      yield bytes;
    }
    if (read < size) throw new Error(`the file shrank to ${read} of ${size} bytes while it was sent`);
  } catch (error) {
    reading.error = error;
    throw error;
  }
}

async function openFile(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new OpenVanError("CLI_PATH_NOT_FOUND", `no such file: ${file}`);
    throw new OpenVanError("CLI_FILE_UNREADABLE", `${file}: ${reason(error)}`);
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new OpenVanError("CLI_FILE_UNREADABLE", `${file} is not a file`);
  }
  return handle;
}

/** A flag's value as it must be to travel in an HTTP header: printable ASCII, trimmed. */
function printable(
  value: string | undefined,
  code: "MESSAGE_RECIPIENT_INVALID" | "CONFIG_INVALID",
  flag: string,
): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[\x20-\x7e]+$/.test(trimmed)) {
    throw new OpenVanError(code, `${flag} "${value}" must be printable ASCII (it travels in an HTTP header)`);
  }
  return trimmed;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
