import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `OpenVAN/<version>`, from the nearest package.json above this file (src/, dist/ and the benchmarks' build
 * sit at different depths).
 */
export function as2Product(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const file = join(folder, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "openvan" && pkg.version !== undefined) return `OpenVAN/${pkg.version}`;
    }
    folder = dirname(folder);
  }
  return "OpenVAN";
}
