import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EdiError, EdiReader, readEdi, readEdiJson } from "../src/edi/index.js";
import { errorCatalogue } from "../src/kernel/index.js";
import { ediFixtureNames, readEdiFixture } from "./support/edi-fixtures.js";
import { readInChunks } from "./support/read-in-chunks.js";

/**
 * The reader takes any bytes a partner sends. Whatever they are, it must not throw, must report only catalogue
 * codes at offsets inside the input, and must stay fast. Runs are seeded and bounded so that CI stays quick.
 */
const runs = { numRuns: 300, seed: 7_2024 };
const fixtures = ediFixtureNames().map(readEdiFixture);
const delimiterBytes = [..."*:^~'+?|!\n\r"].map((c) => c.charCodeAt(0));

type Mutation =
  | { kind: "flip"; at: number; byte: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; byte: number }
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), byte: fc.constantFrom(...delimiterBytes) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
);

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let buf = Buffer.from(input);
  for (const m of mutations) {
    const at = buf.length === 0 ? 0 : m.at % buf.length;
    if (m.kind === "flip" && buf.length > 0) buf[at] = m.byte;
    else if (m.kind === "truncate") buf = buf.subarray(0, at);
    else if (m.kind === "insert")
      buf = Buffer.concat([buf.subarray(0, at), Buffer.from([m.byte]), buf.subarray(at)]);
    else if (m.kind === "delete") buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1)]);
    else if (m.kind === "duplicate") buf = Buffer.concat([buf.subarray(0, at + m.length), buf.subarray(at)]);
  }
  return buf;
}

const mutatedFixture = fc
  .tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([input, mutations]) => mutate(input, mutations));

const randomBytes = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a));
/** Random text from EDI's own characters, so that envelopes and delimiters turn up often. */
const ediish = fc
  .array(
    fc.constantFrom(
      "ISA",
      "UNA",
      "UNB",
      "UNH",
      "UNT",
      "UNZ",
      "GS",
      "ST",
      "SE",
      "GE",
      "IEA",
      "BIN*",
      "*",
      "~",
      "'",
      "+",
      ":",
      "?",
      "\n",
      "00",
      "A",
    ),
    {
      maxLength: 120,
    },
  )
  .map((parts) => Buffer.from(parts.join(""), "latin1"));

interface Outcome {
  readonly errors: EdiError[];
  /** Offsets count the bytes read: the input, or its UTF-8 form when the input was UTF-16. */
  readonly readLength: number;
  readonly ms: number;
}

function readTimed(bytes: Buffer, chunk: number): Outcome {
  const errors: EdiError[] = [];
  const started = performance.now();
  const reader = new EdiReader({ error: (e) => errors.push(e) }, { keepSets: true });
  for (let at = 0; at < bytes.length; at += chunk) reader.write(bytes.subarray(at, at + chunk));
  reader.end();
  const ms = performance.now() - started;
  const encoding = reader.sourceEncoding;
  const readLength =
    encoding === null ? bytes.length : Buffer.byteLength(new TextDecoder(encoding).decode(bytes), "utf8");
  return { errors, readLength, ms };
}

function checkReads(bytes: Buffer): void {
  for (const chunk of [bytes.length || 1, 7]) {
    const { errors, readLength, ms } = readTimed(bytes, chunk);
    expect(ms).toBeLessThan(1000);
    for (const e of errors) {
      expect(Object.hasOwn(errorCatalogue, e.code), e.code).toBe(true);
      expect(typeof e.offset).toBe("number");
      expect(Number.isInteger(e.offset)).toBe(true);
      expect(e.offset).toBeGreaterThanOrEqual(0);
      expect(e.offset).toBeLessThanOrEqual(readLength);
      expect(e.segment).toBeGreaterThanOrEqual(0);
    }
  }
  expect(() => readEdiJson(bytes)).not.toThrow();
}

describe("the reader on hostile input", () => {
  it("mutated fixtures: byte flips, truncations, inserted delimiters, deletions, repeats", () => {
    fc.assert(fc.property(mutatedFixture, checkReads), runs);
  });

  it("random bytes", () => {
    fc.assert(fc.property(randomBytes, checkReads), runs);
  });

  it("random runs of envelope tags and delimiters", () => {
    fc.assert(fc.property(ediish, checkReads), runs);
  });

  it("mutated fixtures read the same in chunks of 1, 3 and 7 bytes as whole", () => {
    fc.assert(
      fc.property(mutatedFixture, (bytes) => {
        const whole = readEdi(bytes);
        for (const size of [1, 3, 7]) expect(readInChunks(bytes, size)).toEqual(whole);
      }),
      { ...runs, numRuns: 150 },
    );
  });

  it("UTF-16 input reports offsets in its UTF-8 form", () => {
    const bytes = Buffer.from(`ISA*${"中".repeat(200)}`, "utf16le");
    const { errors, readLength } = readTimed(bytes, bytes.length);
    expect(readLength).toBeGreaterThan(bytes.length);
    for (const e of errors) expect(e.offset).toBeLessThanOrEqual(readLength);
  });

  it("a long run of bytes without any terminator reads in linear time", () => {
    const bytes = Buffer.concat([
      readEdiFixture("x12-850-newline-terminator.edi").subarray(0, 107),
      Buffer.alloc(2_000_000, 0x41),
    ]);
    const { ms } = readTimed(bytes, 4096);
    expect(ms).toBeLessThan(1000);
  });
});
