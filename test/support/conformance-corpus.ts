import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The shared corpus of public X12 and EDIFACT files sits next to the repository: <repo>/../shared/conformance. */
export const conformanceRoot = fileURLToPath(new URL("../../../shared/conformance/", import.meta.url));

/** Whether the corpus is on this machine; tests over it skip, saying so, when it is not. */
export const conformancePresent = existsSync(join(conformanceRoot, "manifest.json"));
if (!conformancePresent) console.log("skipped: ../shared/conformance not found");

/** One file of the corpus as its manifest describes it. */
export interface ConformanceEntry {
  readonly file: string;
  readonly std: "x12" | "edifact";
  readonly negative: boolean;
  readonly note: string;
  readonly analysis?: { readonly problems?: readonly string[] } | null;
}

/** The manifest's entries; none when the corpus is absent. */
export function conformanceManifest(): readonly ConformanceEntry[] {
  return conformancePresent
    ? (JSON.parse(readFileSync(join(conformanceRoot, "manifest.json"), "utf8")) as ConformanceEntry[])
    : [];
}

/** The bytes of one corpus file. */
export function conformanceBytes(entry: Pick<ConformanceEntry, "std" | "file">): Buffer {
  return readFileSync(join(conformanceRoot, entry.std, entry.file));
}
