import { mkdir } from "node:fs/promises";
import type { Command } from "commander";
import { isOpenVanError } from "../../kernel/index.js";
import type { CliIo } from "../cli-io.js";
import type { ApiClient } from "./api-client.js";
import type { MailboxItem } from "./api-types.js";
import { type PickedUp, pickupItem } from "./pickup-item.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

export interface MailboxOptions extends ServerOptions {
  readonly pickup?: string;
  readonly resend?: string;
  /** False with `--no-confirm`. */
  readonly confirm: boolean;
  readonly json?: boolean;
}

/** `openvan mailbox`: lists what waits in the account's mailbox; with `--pickup DIR` downloads and confirms it. */
export function addMailboxCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  withServerOptions(
    program
      .command("mailbox")
      .description("list the items waiting in your mailbox, or pick them up into a folder")
      .option("--pickup <dir>", "download every item into DIR (as ID.x12, ID.edi or ID.bin), then confirm it")
      .option("--no-confirm", "with --pickup: download only; the items stay in the mailbox")
      .option("--resend <item-id>", "put an item already picked up back into the mailbox")
      .option("--json", "print one JSON object per item, one per line"),
  ).action(async (options: MailboxOptions) => {
    await runClientAction(io, setExitCode, () => mailbox(clientFor(options), options, io));
  });
}

export async function mailbox(client: ApiClient, options: MailboxOptions, io: CliIo): Promise<number> {
  if (options.resend !== undefined) {
    const item = await client.resend(options.resend);
    io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${itemLine(item)}\n`);
    return 0;
  }
  if (options.pickup === undefined) return list(client, options, io);
  return pickup(client, options.pickup, options, io);
}

async function list(client: ApiClient, options: MailboxOptions, io: CliIo): Promise<number> {
  let count = 0;
  for await (const item of client.mailboxItems()) {
    count += 1;
    io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${itemLine(item)}\n`);
  }
  if (!options.json) io.stdout.write(`${count} ${count === 1 ? "item" : "items"} in the mailbox\n`);
  return 0;
}

async function pickup(client: ApiClient, dir: string, options: MailboxOptions, io: CliIo): Promise<number> {
  await mkdir(dir, { recursive: true });
  let seen = 0;
  let saved = 0;
  for await (const item of client.mailboxItems()) {
    seen += 1;
    try {
      const done = await pickupItem(client, item, dir, options.confirm);
      saved += 1;
      io.stdout.write(options.json ? `${JSON.stringify(pickedUpJson(done))}\n` : `${pickedUpLine(done)}\n`);
    } catch (error) {
      if (!isOpenVanError(error) || error.code !== "CLI_PICKUP_FAILED") throw error;
      io.stderr.write(`openvan: ${error.code}: ${error.message}\n`);
      if (options.json) {
        const failure = { code: error.code, message: error.message };
        io.stdout.write(`${JSON.stringify({ item, error: failure })}\n`);
      }
    }
  }
  if (!options.json) {
    const confirmed = options.confirm ? "" : " (not confirmed: --no-confirm)";
    io.stdout.write(`picked up ${saved} of ${seen} ${seen === 1 ? "item" : "items"}${confirmed}\n`);
  }
  return saved === seen ? 0 : 1;
}

/** `ID  FORMAT  FROM -> TO  DOC,TYPES  SIZE bytes  RECEIVED-AT` */
export function itemLine(item: MailboxItem): string {
  const docTypes = item.docTypes.length === 0 ? "-" : item.docTypes.join(",");
  return `${item.id}  ${item.format}  ${item.from} -> ${item.to}  ${docTypes}  ${item.size} bytes  ${item.receivedAt}`;
}

function pickedUpLine(done: PickedUp): string {
  const state = done.confirmed ? "confirmed" : "not confirmed";
  return `saved ${done.item.id} to ${done.path} (${done.bytes} bytes), ${state}`;
}

function pickedUpJson(done: PickedUp): Record<string, unknown> {
  return { item: done.item, path: done.path, bytes: done.bytes, confirmed: done.confirmed };
}
