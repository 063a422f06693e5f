import { describe, expect, it } from "vitest";
import { at, x12, x12Isa } from "../../test/support/edi-error-cases.js";
import { edifactErrorCases } from "../../test/support/edifact-error-cases.js";
import { readInChunks } from "../../test/support/read-in-chunks.js";
import { x12ErrorCases } from "../../test/support/x12-error-cases.js";
import { type ErrorCode, errorCatalogue } from "../kernel/index.js";
import { EdiReader } from "./edi-reader.js";
import { guideFaultCodes } from "./guides/guide-fault-codes.js";
import { readEdi } from "./read-edi.js";

const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");

const errorCases = [...x12ErrorCases(), ...edifactErrorCases()];

describe("every fault the reader reports, with its place and acknowledgment codes", () => {
  it.each(errorCases.map((c) => [c.name, c]))("%s", (_name, c) => {
    const { errors } = readEdi(latin1(c.input));
    const found = errors.filter((e) => e.code === c.expected.code);
    expect(found.length, JSON.stringify(errors, null, 1)).toBeGreaterThan(0);
    expect(found).toContainEqual(expect.objectContaining(c.expected));
    for (const e of errors) expect(e.message).not.toBe("");
  });

  it("covers every EDI code in the catalogue that a reader can report", () => {
    const readerCodes = (Object.keys(errorCatalogue) as ErrorCode[]).filter(
      (code) => code.startsWith("EDI_") && !code.startsWith("EDI_WRITE_") && !guideFaultCodes.includes(code),
    );
    const covered = new Set<string>([...errorCases.map((c) => c.expected.code), "EDI_SEGMENT_TOO_LONG"]);
    expect(readerCodes.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("reading goes on after a fault", () => {
  it("reports a wrong count and still returns the interchange with its sets", () => {
    const text = x12(
      "GS*PO*A*B*20240315*0930*7*X*005010",
      "ST*850*0001",
      "SE*9*0001",
      "ST*850*0002",
      "SE*2*0002",
      "GE*2*7",
      "IEA*1*000000101",
    );
    const { interchanges, errors } = readEdi(latin1(text));
    expect(errors.map((e) => e.code)).toEqual(["EDI_SET_COUNT_MISMATCH"]);
    expect(interchanges[0]?.complete).toBe(true);
    expect(interchanges[0]?.groups[0]?.sets.map((s) => s.control)).toEqual(["0001", "0002"]);
  });

  it("closes the set, group and interchange that the end of input leaves open, in that order", () => {
    const text = x12("GS*PO*A*B*20240315*0930*7*X*005010", "ST*850*0001", "BEG*00*SA*1");
    const { interchanges, errors } = readEdi(latin1(text));
    expect(errors.map((e) => [e.code, e.offset])).toEqual([
      ["EDI_SET_TRAILER_MISSING", text.length],
      ["EDI_GROUP_TRAILER_MISSING", text.length],
      ["EDI_INTERCHANGE_TRAILER_MISSING", text.length],
    ]);
    expect(interchanges[0]).toMatchObject({ complete: false, range: { start: 0, end: text.length } });
  });

  it("reads the next interchange after an invalid ISA, reporting the bytes skipped", () => {
    const broken = x12Isa.replace(">~", ">G");
    const good = x12("IEA*0*000000101");
    const { interchanges, errors } = readEdi(latin1(`${broken}\n${good}`));
    expect(errors.map((e) => [e.code, e.offset])).toEqual([
      ["EDI_ISA_INVALID", 105],
      ["EDI_UNEXPECTED_DATA", 0],
    ]);
    expect(interchanges.map((i) => i.range)).toEqual([
      { start: broken.length + 1, end: broken.length + 1 + good.length },
    ]);
  });

  it("accepts control numbers that are equal as numbers (leading zeros differ)", () => {
    const text = x12(
      "GS*PO*A*B*20240315*0930*0007*X*005010",
      "ST*850*034",
      "SE*2*0034",
      "GE*1*7",
      "IEA*1*101",
    );
    expect(readEdi(latin1(text)).errors).toEqual([]);
  });

  it("reports a count that is not a number", () => {
    const text = x12(
      "GS*PO*A*B*20240315*0930*7*X*005010",
      "ST*850*1",
      "SE*two*1",
      "GE*1*7",
      "IEA*1*000000101",
    );
    expect(readEdi(latin1(text)).errors).toMatchObject([
      { code: "EDI_SET_COUNT_MISMATCH", offset: at(text, "two"), element: 1 },
    ]);
  });

  it("takes TA1 between ISA and the first GS as interchange-level, not as a stray segment", () => {
    const text = x12("TA1*000000077*240315*0930*A*000", "IEA*0*000000101");
    expect(readEdi(latin1(text)).errors).toEqual([]);
  });

  it("reports junk before an interchange once, with its length", () => {
    const text = `NOTE: order attached\n${x12("IEA*0*000000101")}`;
    const { errors } = readEdi(latin1(text));
    expect(errors).toEqual([expect.objectContaining({ code: "EDI_UNEXPECTED_DATA", offset: 0, segment: 0 })]);
    expect(errors[0]?.message).toContain("21 bytes at offset 0");
  });
});

describe("segments longer than the reader's limit", () => {
  const long = x12(
    "GS*PO*A*B*20240315*0930*7*X*005010",
    "ST*850*1",
    `NTE*GEN*${"x".repeat(200)}`,
    "SE*3*1",
    "GE*1*7",
    "IEA*1*000000101",
  );

  it("reports EDI_SEGMENT_TOO_LONG and skips the segment when it streams in past the limit", () => {
    const { errors } = readInChunks(latin1(long), 16, { maxSegmentBytes: 64 });
    expect(errors[0]).toMatchObject({ code: "EDI_SEGMENT_TOO_LONG", offset: at(long, "NTE"), segment: 4 });
    expect(errors[0]?.ack).toEqual({ segment: "8", contrl: "39" });
  });

  it("gives the same result whether the long segment comes in one chunk or many", () => {
    // The limit bounds memory; it must not make the result depend on how the input was cut into chunks.
    const whole = readInChunks(latin1(long), long.length, { maxSegmentBytes: 64 });
    const chunked = readInChunks(latin1(long), 16, { maxSegmentBytes: 64 });
    expect(whole).toEqual(chunked);
  });
});

describe("EdiReader contract", () => {
  it("refuses write() after end()", () => {
    const reader = new EdiReader({});
    reader.end();
    expect(() => reader.write(latin1("ISA"))).toThrow(/after end/);
  });

  it("calls the handler in input order: headers, segments, trailers, interchange end", () => {
    const events: string[] = [];
    const reader = new EdiReader({
      interchangeStart: (h) => events.push(`interchange ${h.control}`),
      groupStart: (g) => events.push(`group ${g.control}`),
      setStart: (s) => events.push(`set ${s.control}`),
      segment: (s) => events.push(s.tag),
      setEnd: (s) => events.push(`/set ${s.segmentCount}`),
      groupEnd: (g) => events.push(`/group ${g.setCount}`),
      interchangeEnd: (i) => events.push(`/interchange ${i.complete}`),
    });
    reader.write(
      latin1(x12("GS*PO*A*B*20240315*0930*7*X*005010", "ST*850*1", "SE*2*1", "GE*1*7", "IEA*1*000000101")),
    );
    reader.end();
    expect(events).toEqual([
      "interchange 000000101",
      "ISA",
      "group 7",
      "GS",
      "set 1",
      "ST",
      "SE",
      "/set 2",
      "GE",
      "/group 1",
      "IEA",
      "/interchange true",
    ]);
  });
});
