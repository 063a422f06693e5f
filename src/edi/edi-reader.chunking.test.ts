import { describe, expect, it } from "vitest";
import { x12 } from "../../test/support/edi-error-cases.js";
import { ediFixtureNames, readEdiFixture } from "../../test/support/edi-fixtures.js";
import { chunkSizes, readInChunks } from "../../test/support/read-in-chunks.js";
import { readEdi } from "./read-edi.js";

/** The reader must not care where the chunks of its input begin and end. */
function expectSameInEveryChunking(bytes: Buffer): void {
  const whole = readEdi(bytes);
  for (const size of chunkSizes) {
    expect(readInChunks(bytes, size), `chunks of ${size} bytes`).toEqual(whole);
  }
}

describe("the same result for any chunking", () => {
  it.each(ediFixtureNames())("fixture %s", (name) => {
    expectSameInEveryChunking(readEdiFixture(name));
  });

  it.each([
    [
      "a release character just before the terminator",
      "UNA:+.? 'UNB+UNOC:3+S+R+240315:0930+X'UNH+1+O:D:96A:UN'FTX+A??'UNT+2+1'UNZ+1+X'",
    ],
    ["an escaped terminator", "UNB+UNOC:3+S+R+240315:0930+X'UNH+1+O:D:96A:UN'FTX+A?'B?''UNT+3+1'UNZ+1+X'"],
    ["a UNA split anywhere", "UNA|*.! #UNB*UNOC|3*S*R*240315|0930*X#UNZ*0*X#"],
    ["an ISA ending at the end of input", x12().slice(0, 106)],
    ["a short input", "UN"],
    ["an empty input", ""],
  ])("%s", (_name, input) => {
    expectSameInEveryChunking(Buffer.from(input, "latin1"));
  });

  it("a multi-byte terminator split between chunks", () => {
    const text = x12("IEA*0*000000101").replaceAll("~", "Ö");
    expectSameInEveryChunking(Buffer.from(text, "utf8"));
  });

  it("UTF-16 input split inside its characters", () => {
    expectSameInEveryChunking(Buffer.from(x12("IEA*0*000000101"), "utf16le"));
    expectSameInEveryChunking(
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(x12("IEA*0*000000101"), "utf16le").swap16()]),
    );
  });

  it("a BIN segment whose data holds terminators, split anywhere", () => {
    const bin = x12(
      "GS*PI*A*B*20240315*0930*1*X*005010",
      "ST*275*1",
      "BIN*6*~~*~:^",
      "SE*3*1",
      "GE*1*1",
      "IEA*1*000000101",
    );
    expect(readEdi(Buffer.from(bin, "latin1")).errors).toEqual([]);
    expectSameInEveryChunking(Buffer.from(bin, "latin1"));
  });

  it("text before the first interchange", () => {
    // Junk is reported once with its full length, whether the ISA after it arrives in the same chunk or later.
    expectSameInEveryChunking(Buffer.from(`hello\n${x12("IEA*0*000000101")}`, "latin1"));
  });
});

describe("readInChunks", () => {
  it("reads with keepSets, as readEdi does", () => {
    const text = x12("GS*PO*A*B*20240315*0930*1*X*005010", "ST*850*1", "SE*2*1", "GE*1*1", "IEA*1*000000101");
    const { interchanges } = readInChunks(Buffer.from(text, "latin1"), 5);
    expect(interchanges[0]?.groups[0]?.sets).toHaveLength(1);
  });
});
