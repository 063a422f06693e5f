import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEdi } from "../src/edi/index.js";
import type { ErrorCode } from "../src/kernel/index.js";
import { ediFixtureDir, ediFixtureNames, readEdiFixture } from "./support/edi-fixtures.js";

/** The errors each fixture reads with, in order; test/fixtures/edi/README.md says the same in words. */
const expected: Readonly<Record<string, readonly ErrorCode[]>> = {
  "x12-850-newline-terminator.edi": [],
  "x12-cr-terminator.edi": [],
  "x12-crlf-after-terminator.edi": [],
  "x12-isa11-u-version-00401.edi": [],
  "x12-repetition-00501.edi": [],
  "x12-bom-leading-whitespace.edi": [],
  "x12-two-interchanges-different-delimiters.edi": [],
  "x12-truncated-no-iea.edi": ["EDI_INTERCHANGE_TRAILER_MISSING"],
  "x12-se-count-wrong.edi": ["EDI_SET_COUNT_MISMATCH"],
  "x12-ge-control-mismatch.edi": ["EDI_GROUP_CONTROL_MISMATCH"],
  "x12-iea-count-wrong.edi": ["EDI_INTERCHANGE_COUNT_MISMATCH"],
  "x12-iea-control-mismatch.edi": ["EDI_INTERCHANGE_CONTROL_MISMATCH"],
  "x12-bin-segment.edi": [],
  "x12-ta1-only.edi": [],
  "x12-utf8-terminator.edi": [],
  "x12-wrapped-80-columns.edi": [],
  "edifact-una-odd-delimiters.edi": [],
  "edifact-release-characters.edi": [],
  "edifact-no-una-defaults.edi": [],
  "edifact-syntax4-repetition.edi": [],
  "edifact-ung-groups.edi": [],
  "edifact-latin1-unoc.edi": [],
  "edifact-truncated.edi": ["EDI_TRUNCATED", "EDI_SET_TRAILER_MISSING", "EDI_INTERCHANGE_TRAILER_MISSING"],
  "edifact-unt-count-wrong.edi": ["EDI_SET_COUNT_MISMATCH"],
  "junk-before-envelope.edi": ["EDI_UNEXPECTED_DATA"],
  "not-edi.txt": ["EDI_NO_ENVELOPE"],
};

const readme = readFileSync(join(ediFixtureDir, "README.md"), "utf8");
const rowOf = (name: string): string | undefined =>
  readme.split("\n").find((line) => line.startsWith(`| \`${name}\``));

describe("EDI fixtures", () => {
  it("every file has an expected outcome, and every outcome a file", () => {
    expect(ediFixtureNames()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))("%s reads with %j", (name, codes) => {
    const { interchanges, errors } = readEdi(readEdiFixture(name));
    expect(errors.map((e) => e.code)).toEqual(codes);
    if (!name.endsWith(".txt")) expect(interchanges.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(expected))("README describes %s and its codes", (name, codes) => {
    const row = rowOf(name);
    expect(row, `no README row for ${name}`).toBeDefined();
    for (const code of codes) expect(row).toContain(`\`${code}\``);
    if (codes.length === 0) expect(row).toContain("no errors");
  });

  it("the hand-made bytes are what the README says", () => {
    expect(readEdiFixture("x12-cr-terminator.edi").includes(0x0a)).toBe(false);
    expect([...readEdiFixture("x12-bom-leading-whitespace.edi").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readEdiFixture("edifact-latin1-unoc.edi").includes(Buffer.from([0xe9]))).toBe(true);
    expect(readEdiFixture("x12-utf8-terminator.edi").subarray(105, 107)).toEqual(Buffer.from("Ö", "utf8"));
    expect(readEdiFixture("x12-bin-segment.edi").includes(Buffer.from([0x00, 0xff]))).toBe(true);
    expect(readEdiFixture("junk-before-envelope.edi").indexOf("ISA")).toBe(52);
  });
});
