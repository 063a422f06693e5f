import { open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { OpenVanError } from "../../kernel/index.js";
import type { ApiClient } from "./api-client.js";
import { ApiError, ServerUnreachableError } from "./api-errors.js";
import type { MailboxItem } from "./api-types.js";

export interface PickedUp {
  readonly item: MailboxItem;
  /** Where the bytes are now, under their final name. */
  readonly path: string;
  readonly bytes: number;
  readonly confirmed: boolean;
}

/** `ID.x12`, `ID.edi` (EDIFACT) or `ID.bin` (any other file). */
export function pickupFileName(item: MailboxItem): string {
  const extension = item.format === "x12" ? ".x12" : item.format === "edifact" ? ".edi" : ".bin";
  return `${item.id}${extension}`;
}

/**
 * Downloads an item to `dir` and only then confirms it, so that a crash at any point never loses it
 * (at-least-once): the bytes go to a temporary name, are synced to disk, renamed to their final name, and
 * the folder is synced, before the server is told. A failure leaves the item in the mailbox and no partial
 * file under the final name; running the pickup again writes the same name again.
 */
export async function pickupItem(
  client: ApiClient,
  item: MailboxItem,
  dir: string,
  confirm: boolean,
): Promise<PickedUp> {
  const name = pickupFileName(item);
  const path = join(dir, name);
  const temporary = join(dir, `.${name}.part`);
  let bytes: number;
  try {
    bytes = await download(client, item, temporary);
    if (bytes !== item.size) {
      throw new Error(`the download ended after ${bytes} of ${item.size} bytes`);
    }
    await rename(temporary, path);
    await syncFolder(dir);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    if (error instanceof ServerUnreachableError) throw error;
    throw new OpenVanError(
      "CLI_PICKUP_FAILED",
      `${item.id}: not saved, left in the mailbox: ${reason(error)}`,
      {
        itemId: item.id,
      },
    );
  }
  if (!confirm) return { item, path, bytes, confirmed: false };
  try {
    await client.confirmPickup(item.id);
  } catch (error) {
    if (error instanceof ServerUnreachableError) throw error;
    throw new OpenVanError(
      "CLI_PICKUP_FAILED",
      `${item.id}: saved to ${path} but not confirmed, so it stays in the mailbox: ${reason(error)}`,
      { itemId: item.id, path },
    );
  }
  return { item, path, bytes, confirmed: true };
}

/** Streams the item's content into a new file and syncs it; returns the number of bytes written. */
async function download(client: ApiClient, item: MailboxItem, temporary: string): Promise<number> {
  const content = await client.mailboxContent(item.id);
  const file = await open(temporary, "w");
  let bytes = 0;
  try {
    for await (const chunk of content) {
      const buffer = chunk as Buffer;
      await file.write(buffer);
      bytes += buffer.length;
    }
    await file.sync();
  } finally {
    content.destroy();
    await file.close();
  }
  return bytes;
}

/** Makes a rename durable. Systems that cannot open a folder for syncing (Windows) skip it. */
async function syncFolder(dir: string): Promise<void> {
  let folder: Awaited<ReturnType<typeof open>>;
  try {
    folder = await open(dir, "r");
  } catch {
    return;
  }
  try {
    await folder.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await folder.close();
  }
}

function reason(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
