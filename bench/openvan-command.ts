import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The `openvan` command as users run it. */
export const openVanBin = fileURLToPath(new URL("../../bin/openvan.js", import.meta.url));

/**
 * Node's arguments to run `openvan ARGS…` as its shebang line does (with the V8 flags it sets), plus
 * `extraNodeFlags` (for instance `--cpu-prof`): benchmarks measure the server users start.
 */
export function openVanNodeArgs(args: readonly string[], extraNodeFlags: readonly string[] = []): string[] {
  const shebang = readFileSync(openVanBin, "utf8").split("\n", 1)[0] ?? "";
  const afterNode = /\bnode\b(.*)$/.exec(shebang)?.[1] ?? "";
  const flags = afterNode.split(/\s+/).filter(Boolean);
  return [...flags, ...extraNodeFlags, openVanBin, ...args];
}
