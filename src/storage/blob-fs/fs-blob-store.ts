import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { newId } from "../../kernel/index.js";
import { blobNotFound, checkRange, emptyStream, MeasuringStream } from "../blob-common/index.js";
import type { BlobStore } from "../ports/index.js";

export interface FsBlobStoreOptions {
  /** The folder that holds the blobs (`x/y/<key>`) and the uploads under way (`tmp/`). */
  readonly root: string;
}

/** Keys are ids made by this store; anything else (a path, say) names no blob. */
const keyPattern = /^[0-9a-z]{26}$/;
/** Uploads older than this in tmp/ were cut off by a crash. */
const staleAfterMs = 24 * 60 * 60 * 1000;

/**
 * Blobs as files in a local folder. An upload streams into tmp/ while it is hashed and counted, is flushed to
 * disk, then renamed into place and its folder flushed too: a blob is either whole and durable or absent.
 */
export async function openFsBlobStore(options: FsBlobStoreOptions): Promise<BlobStore> {
  const root = resolve(options.root);
  const tmp = join(root, "tmp");
  await mkdir(tmp, { recursive: true });
  await removeStaleUploads(tmp);

  /**
   * `x/y/<key>`, the folders named after the last two characters of the key: they are random, so the 32 × 32
   * folders fill evenly, and there are few enough of them that they are all in use early.
   */
  const placeOf = (key: string): string => join(root, key.slice(-2, -1), key.slice(-1), key);
  const pathOf = (key: string): string | null => (keyPattern.test(key) ? placeOf(key) : null);
  /** Blob folders known to exist (made, and flushed, by this store), so that a put does not make them again. */
  const made = new Set<string>();

  return {
    async put(source, putOptions) {
      const key = newId();
      const target = placeOf(key);
      const upload = join(tmp, `${key}.part`);
      const measuring = new MeasuringStream(putOptions?.maxBytes);
      let placed = false;
      try {
        const file = await open(upload, "wx");
        try {
          await pipeline(source, measuring, async (measured: AsyncIterable<Buffer>) => {
            for await (const chunk of measured) await writeAll(file, chunk);
          });
          await file.sync();
        } finally {
          await file.close();
        }
        const folder = dirname(target);
        if (!made.has(folder)) {
          await makeFolder(folder);
          made.add(folder);
        }
        await rename(upload, target);
        placed = true;
        await syncFolder(dirname(target));
        return { key, ...measuring.result() };
      } catch (error) {
        await rm(placed ? target : upload, { force: true });
        throw error;
      }
    },

    async get(key, range) {
      if (range !== undefined) checkRange(range);
      const path = pathOf(key);
      if (path === null) throw blobNotFound(key);
      const file = await open(path, "r").catch((error: unknown) => {
        throw isMissing(error) ? blobNotFound(key, error) : error;
      });
      if (range === undefined) return file.createReadStream();
      if (range.end === range.start) {
        await file.close();
        return emptyStream();
      }
      return file.createReadStream({ start: range.start, end: range.end - 1 });
    },

    async size(key) {
      const path = pathOf(key);
      if (path === null) return null;
      try {
        return (await stat(path)).size;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      const path = pathOf(key);
      if (path !== null) await rm(path, { force: true });
    },

    async close() {},
  };
}

/** Writes all of `chunk` (a write to a file may take fewer bytes than it was given). */
async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) {
    offset += (await file.write(chunk, offset, chunk.length - offset)).bytesWritten;
  }
}

/** Creates a blob folder and flushes the entries of the folders it was added to. */
async function makeFolder(folder: string): Promise<void> {
  const created = await mkdir(folder, { recursive: true });
  if (created === undefined) return;
  const top = dirname(resolve(created));
  for (let parent = dirname(folder); ; parent = dirname(parent)) {
    await syncFolder(parent);
    if (parent.length <= top.length) return;
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeStaleUploads(tmp: string): Promise<void> {
  const cutoff = Date.now() - staleAfterMs;
  for (const name of await readdir(tmp)) {
    const path = join(tmp, name);
    const info = await stat(path).catch(() => null);
    if (info !== null && info.mtimeMs < cutoff) await rm(path, { force: true });
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ENOENT";
}
