import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { idTimePrefix, newId, OpenVanError } from "../../kernel/index.js";
import { blobNotFound, checkRange, emptyStream, MeasuringStream } from "../blob-common/index.js";
import type { BlobStore } from "../ports/index.js";
import { BlobFileWriter, type DirectIo } from "./blob-file-writer.js";

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
  const directIo: DirectIo = { usable: true };

  return {
    async put(source, putOptions) {
      const key = newId();
      const target = placeOf(key);
      const upload = join(tmp, `${key}.part`);
      const measuring = new MeasuringStream(putOptions?.maxBytes);
      let placed = false;
      try {
        const file = await BlobFileWriter.create(upload, directIo);
        try {
          await pipeline(source, measuring, async (measured: AsyncIterable<Buffer>) => {
            for await (const chunk of measured) await file.write(chunk);
          });
          await file.finish();
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

    async listOlderThan(before, after, limit) {
      if (after !== null && !keyPattern.test(after)) {
        throw new OpenVanError("INTERNAL_INVALID_ARGUMENT", `${after} is not a key of this blob store.`);
      }
      // Folder by folder (x, then y, in order), and by key within a folder: the folders of `after` say where
      // the previous page ended. Uploads under way are in tmp/ and never listed; a file here is finished, and
      // its modification time is when its last byte was written.
      const cutoff = before.getTime();
      const young = idTimePrefix(cutoff);
      const keys: string[] = [];
      const [afterX, afterY] = after === null ? ["", ""] : [after.slice(-2, -1), after.slice(-1)];
      for (const x of await blobFolders(root)) {
        if (x < afterX) continue;
        for (const y of await blobFolders(join(root, x))) {
          if (x === afterX && y < afterY) continue;
          const from = x === afterX && y === afterY ? after : null;
          const names = (await readdir(join(root, x, y)).catch(emptyIfMissing))
            .filter((name) => keyPattern.test(name) && (from === null || name > from))
            .sort();
          for (const name of names) {
            // A key begins with the time its upload began, never later than the file was last written.
            if (name.slice(0, 10) >= young) continue;
            const info = await stat(join(root, x, y, name)).catch(nullIfMissing);
            if (info === null || info.mtimeMs >= cutoff) continue;
            keys.push(name);
            if (keys.length === limit) return keys;
          }
        }
      }
      return keys;
    },

    async close() {},
  };
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

/** The one-character blob folders under `folder`, in order (tmp/ and anything else left aside). */
async function blobFolders(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(emptyIfMissing);
  return entries
    .filter((entry) => entry.isDirectory() && /^[0-9a-z]$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

function emptyIfMissing(error: unknown): never[] {
  if (isMissing(error)) return [];
  throw error;
}

function nullIfMissing(error: unknown): null {
  if (isMissing(error)) return null;
  throw error;
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ENOENT";
}
