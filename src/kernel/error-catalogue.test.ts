import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AckCodes, ackCodesFor } from "../edi/syntax-error-codes.js";
import { type ErrorCode, errorCatalogue } from "./error-catalogue.js";

const doc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
const codes = Object.keys(errorCatalogue) as ErrorCode[];
const ediCodes = codes.filter((code) => code.startsWith("EDI_"));
const byElement: ReadonlySet<ErrorCode> = new Set(["EDI_ISA_FIELD_WIDTH", "EDI_ISA_FIELD_VALUE"]);

/** The text under a `## title` heading, up to the next `## ` heading. */
function section(title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/errors.md has no "## ${title}" section`);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Table rows as arrays of trimmed cells. */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .slice(1, line.endsWith("|") ? -1 : undefined)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

/** Rows whose first cell is a code in backticks, keyed by the code. */
function codeRows(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [first, ...rest] of rows(text)) {
    const code = /^`([A-Z0-9_]+)`$/.exec(first ?? "")?.[1];
    if (code === undefined) continue;
    if (out.has(code)) throw new Error(`docs/errors.md lists ${code} twice in one table`);
    out.set(code, rest);
  }
  return out;
}

function ackCells(ack: AckCodes): string[] {
  return [ack.ta1, ack.segment, ack.element, ack.set, ack.group, ack.contrl].map((c) => c ?? "—");
}

describe("docs/errors.md", () => {
  const listed = codeRows(section("Codes"));

  it("lists every catalogue code, and no other", () => {
    expect([...listed.keys()].sort()).toEqual([...codes].sort());
  });

  it("gives each code the catalogue's category, HTTP status and summary", () => {
    for (const code of codes) {
      const entry = errorCatalogue[code];
      expect(listed.get(code), code).toEqual([entry.category, String(entry.httpStatus), entry.summary]);
    }
  });

  it("gives every EDI code the acknowledgment codes of src/edi/syntax-error-codes.ts", () => {
    const acks = codeRows(section("Acknowledgment codes"));
    expect([...acks.keys()].sort()).toEqual([...ediCodes].sort());
    for (const code of ediCodes) {
      const expected = byElement.has(code)
        ? ["by element", ...ackCells(ackCodesFor(code, 1)).slice(1)]
        : ackCells(ackCodesFor(code));
      expect(acks.get(code), code).toEqual(expected);
    }
  });

  it("gives the TA105 code of each ISA element", () => {
    const table = rows(section("Acknowledgment codes")).filter(([first]) => /^ISA\d\d$/.test(first ?? ""));
    const expected = Array.from({ length: 16 }, (_, i) => [
      `ISA${String(i + 1).padStart(2, "0")}`,
      ackCodesFor("EDI_ISA_FIELD_WIDTH", i + 1).ta1,
    ]);
    expect(table).toEqual(expected);
    for (const [name, ta1] of expected) {
      expect(ackCodesFor("EDI_ISA_FIELD_VALUE", Number(name?.slice(3))).ta1, name).toBe(ta1);
    }
  });
});
