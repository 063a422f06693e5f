import type { Dirent, Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { OpenVanError } from "../kernel/index.js";

/**
 * The files to inspect, in the order of `paths`; a folder stands for every file below it, sorted by path.
 * Symbolic links to files are followed, links to folders are not (so a walk cannot loop). A folder that cannot
 * be listed and a link that leads nowhere are kept as files, so that reading them reports the failure.
 * Throws CLI_PATH_NOT_FOUND, naming every path that does not exist, before anything is read.
 */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const stats = await Promise.all(paths.map(statOrMissing));
  const missing = paths.filter((_, i) => stats[i] === "missing");
  if (missing.length > 0) {
    throw new OpenVanError("CLI_PATH_NOT_FOUND", `no such file or folder: ${missing.join(", ")}`, {
      paths: missing,
    });
  }
  const files: string[] = [];
  for (const [i, path] of paths.entries()) {
    const found = stats[i];
    if (typeof found === "object" && found.isDirectory()) {
      const below: string[] = [];
      await walk(path, below);
      files.push(...below.sort(byPath));
    } else {
      files.push(path);
    }
  }
  return files;
}

async function walk(folder: string, out: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    out.push(folder);
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) out.push(path);
    else if (entry.isSymbolicLink() && (await linksToFileOrNowhere(path))) out.push(path);
  }
}

async function linksToFileOrNowhere(path: string): Promise<boolean> {
  const target = await statOrMissing(path);
  return target === "missing" || target === "unknown" || target.isFile();
}

/** "missing" when nothing is there; "unknown" when something is but cannot be examined (read it to see why). */
async function statOrMissing(path: string): Promise<Stats | "missing" | "unknown"> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unknown";
  }
}

/** Code-unit order: the same on every machine, whatever its locale. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
