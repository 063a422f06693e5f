import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Builds dist/ once per test run so that tests of `bin/openvan.js` run the current code. Type errors do not
 * stop the run here (tsc still emits, and `npm test` type-checks on its own); they are printed.
 */
export function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const result = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0)
    process.stderr.write(`build for tests reported:\n${result.stdout}${result.stderr}\n`);
}
