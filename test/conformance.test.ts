import { afterAll, describe, expect, it } from "vitest";
import { type ReadResult, readEdi, readEdiJson, writeInterchange } from "../src/edi/index.js";
import type { ErrorCode } from "../src/kernel/index.js";
import {
  type ConformanceEntry,
  conformanceBytes,
  conformanceManifest,
  conformancePresent,
} from "./support/conformance-corpus.js";
import {
  alsoReported,
  analyzerWrong,
  codesForProblem,
  negativeNeedsGuide,
  negativeStructural,
} from "./support/conformance-expectations.js";
import { readInChunks } from "./support/read-in-chunks.js";

const present = conformancePresent;
const manifest = conformanceManifest();
const problemsOf = (e: ConformanceEntry): readonly string[] => e.analysis?.problems ?? [];

const results = new Map<string, ReadResult>();
function read(e: ConformanceEntry): ReadResult {
  let r = results.get(e.file);
  if (r === undefined) {
    r = readEdi(conformanceBytes(e));
    results.set(e.file, r);
  }
  return r;
}

const codesOf = (r: ReadResult): Set<ErrorCode> => new Set(r.errors.map((e) => e.code));
const summary = { files: 0, errors: 0, roundTrips: 0 };

/** The codes the analyzer's problems call for (minus its known mistakes), each with how many faults at least. */
function impliedFaults(e: ConformanceEntry): Array<{ problem: string; codes: readonly ErrorCode[] }> {
  const wrong = analyzerWrong[e.file] ?? [];
  return problemsOf(e)
    .filter((p) => !wrong.includes(p))
    .flatMap((problem) => {
      const codes = codesForProblem(problem);
      return codes === null ? [] : [{ problem, codes }];
    });
}

describe.skipIf(!present)("conformance corpus (../shared/conformance)", () => {
  afterAll(() => {
    console.log(
      `conformance: ${summary.files} files read, ${summary.errors} errors reported, ${summary.roundTrips} interchange round-trips`,
    );
  });

  it("has a table entry for every negative file, and every table names a file of the corpus", () => {
    const files = new Set(manifest.map((e) => e.file));
    const negatives = manifest.filter((e) => e.negative).map((e) => e.file);
    const listed = [...Object.keys(negativeStructural), ...Object.keys(negativeNeedsGuide)];
    expect(negatives.filter((f) => !listed.includes(f))).toEqual([]);
    for (const table of [negativeStructural, negativeNeedsGuide, alsoReported, analyzerWrong]) {
      expect(Object.keys(table).filter((f) => !files.has(f))).toEqual([]);
    }
  });

  describe("every file reads without exception, the same whole and in 4096-byte chunks", () => {
    it.each(manifest.map((e) => [e.file, e] as const))("%s", (_file, e) => {
      const bytes = conformanceBytes(e);
      const whole = read(e);
      expect(readInChunks(bytes, 4096)).toEqual(whole);
      summary.files++;
      summary.errors += whole.errors.length;
    });
  });

  describe("each problem the analyzer found is reported, and nothing else unexplained", () => {
    const entries = manifest.filter((e) => !e.negative);
    it.each(entries.map((e) => [e.file, e] as const))("%s", (_file, e) => {
      const r = read(e);
      const reported = codesOf(r);
      const implied = impliedFaults(e);
      for (const { problem, codes } of implied) {
        expect(
          codes.some((c) => reported.has(c)),
          `${problem} -> ${codes.join(" or ")}`,
        ).toBe(true);
      }
      for (const code of new Set(implied.flatMap((f) => (f.codes.length === 1 ? f.codes : [])))) {
        const needed = implied.filter((f) => f.codes.length === 1 && f.codes[0] === code).length;
        expect(r.errors.filter((x) => x.code === code).length, code).toBeGreaterThanOrEqual(needed);
      }
      const also = alsoReported[e.file] ?? [];
      expect(also.filter((c) => !reported.has(c))).toEqual([]);
      const allowed = new Set<ErrorCode>([...implied.flatMap((f) => f.codes), ...also]);
      expect([...reported].filter((c) => !allowed.has(c))).toEqual([]);
    });
  });

  describe("negative files with a structural fault report it", () => {
    it.each(Object.entries(negativeStructural))("%s", (file, expected) => {
      const e = manifest.find((m) => m.file === file);
      if (e === undefined) throw new Error(`${file} is not in the manifest`);
      const r = read(e);
      for (const fault of expected) {
        expect(r.errors, `${fault.code}@${fault.offset ?? "?"}`).toContainEqual(
          expect.objectContaining(fault),
        );
      }
      const allowed = new Set<ErrorCode>([
        ...expected.map((f) => f.code),
        ...impliedFaults(e).flatMap((f) => f.codes),
      ]);
      expect([...codesOf(r)].filter((c) => !allowed.has(c))).toEqual([]);
    });
  });

  describe("negative files whose fault needs an implementation guide read with no other structural error", () => {
    it.each(Object.entries(negativeNeedsGuide))("%s", (file, allowed) => {
      const e = manifest.find((m) => m.file === file);
      if (e === undefined) throw new Error(`${file} is not in the manifest`);
      const r = read(e);
      expect(r.interchanges.length).toBeGreaterThan(0);
      expect([...codesOf(r)].filter((c) => !allowed.includes(c))).toEqual([]);
      for (const code of allowed) expect(codesOf(r).has(code), code).toBe(true);
    });
  });

  describe("clean files write back to their own bytes", () => {
    const clean = manifest.filter((e) => !e.negative && problemsOf(e).length === 0);
    it.each(clean.map((e) => [e.file, e] as const))("%s", (_file, e) => {
      const r = read(e);
      if (r.errors.length > 0) return;
      const bytes = conformanceBytes(e);
      const json = readEdiJson(bytes);
      expect(json.interchanges).toHaveLength(r.interchanges.length);
      json.interchanges.forEach((ic, k) => {
        const range = r.interchanges[k]?.range ?? { start: 0, end: 0 };
        const original = bytes.toString("latin1", range.start, range.end);
        const written = writeInterchange(ic).toString("latin1");
        // Compared byte for byte: the terminator as the bytes it is written with.
        const terminator = Buffer.from(
          ic.delimiters.segment,
          ic.encoding === "utf-8" ? "utf8" : "latin1",
        ).toString("latin1");
        expect(layoutFree(written, terminator), `interchange ${k + 1}`).toBe(
          layoutFree(original, terminator),
        );
        summary.roundTrips++;
      });
    });
  });
});

/**
 * Text without layout: line breaks (unless they are the terminator) and blanks after terminators removed,
 * and a final terminator added when missing.
 */
function layoutFree(text: string, terminator: string): string {
  let s = text;
  if (terminator === "\n") s = s.replaceAll("\r", "");
  else if (terminator === "\r") s = s.replaceAll("\n", "");
  else s = s.replace(/[\r\n]/g, "");
  if (!/^[ \t]+$/.test(terminator))
    s = s
      .split(terminator)
      .map((part) => part.replace(/^[ \t]+/, ""))
      .join(terminator);
  return s.endsWith(terminator) ? s : s + terminator;
}
