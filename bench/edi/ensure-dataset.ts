import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DatasetFacts, DatasetSpec } from "./dataset.js";

/** Raise when a generator's output changes, so cached files are written again. */
const GENERATOR_VERSION = 1;

/** `.bench-data/` at the project root (this file runs from dist-bench/bench/edi/). */
export const DATA_DIR = fileURLToPath(new URL("../../../.bench-data/", import.meta.url));

interface Manifest {
  readonly generatorVersion: number;
  readonly seed: number;
  readonly targetBytes: number;
  readonly facts: DatasetFacts;
}

export interface Dataset {
  readonly spec: DatasetSpec;
  readonly path: string;
  readonly facts: DatasetFacts;
}

/** Returns the cached dataset, generating it (and its manifest of counts) only when missing or stale. */
export function ensureDataset(spec: DatasetSpec, log: (line: string) => void): Dataset {
  const path = DATA_DIR + spec.fileName;
  const manifestPath = `${path}.json`;
  const cached = readManifest(manifestPath);
  if (
    cached !== undefined &&
    cached.generatorVersion === GENERATOR_VERSION &&
    cached.seed === spec.seed &&
    cached.targetBytes === spec.targetBytes &&
    existsSync(path) &&
    statSync(path).size === cached.facts.bytes
  ) {
    return { spec, path, facts: cached.facts };
  }
  mkdirSync(DATA_DIR, { recursive: true });
  log(`generating ${path} (seed ${spec.seed}) ...`);
  const started = Date.now();
  const facts = spec.generate(path, spec.targetBytes, spec.seed);
  const manifest: Manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed: spec.seed,
    targetBytes: spec.targetBytes,
    facts,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { spec, path, facts };
}

function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null) return undefined;
  if (!("generatorVersion" in parsed && "seed" in parsed && "targetBytes" in parsed && "facts" in parsed)) {
    return undefined;
  }
  return parsed as Manifest;
}
