import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Hand-written EDI inputs, one scenario per file; test/fixtures/edi/README.md says what each exercises. */
export const ediFixtureDir = fileURLToPath(new URL("../fixtures/edi/", import.meta.url));

export function ediFixtureNames(): string[] {
  return readdirSync(ediFixtureDir)
    .filter((name) => name !== "README.md")
    .sort();
}

export function readEdiFixture(name: string): Buffer {
  return readFileSync(join(ediFixtureDir, name));
}
