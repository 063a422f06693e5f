import { describe, expect, it } from "vitest";
import { envelopeStartAt, findEnvelopeStart, skipFiller, sniff } from "./sniff.js";

const b = (text: string): Buffer => Buffer.from(text, "latin1");

describe("sniff", () => {
  it.each([
    ["ISA*00*", { standard: "x12", offset: 0 }],
    ["ISA|00|", { standard: "x12", offset: 0 }],
    ["UNA:+.? '", { standard: "edifact", offset: 0 }],
    ["UNB+UNOC:3", { standard: "edifact", offset: 0 }],
    ["\r\n \tUNB+", { standard: "edifact", offset: 4 }],
    ["\u0000\u001aISA*", { standard: "x12", offset: 2 }],
  ])("%j", (text, expected) => {
    expect(sniff(b(text))).toEqual(expected);
  });

  it("skips a UTF-8 byte-order mark", () => {
    expect(sniff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b("ISA*00")]))).toEqual({
      standard: "x12",
      offset: 3,
    });
  });

  it.each(["ISAX", "ISA 00", "ISA\n", "UNH+1", "GS*PO", "Dear partner", "", "ISA"])(
    "%j is not an envelope start",
    (text) => {
      expect(sniff(b(text))).toBeNull();
    },
  );
});

describe("envelope starts", () => {
  it("finds the first ISA, UNA or UNB followed by a delimiter", () => {
    expect(findEnvelopeStart(b("THIS ISA TEST; UNBELIEVABLE; UNB+UNOC"), 0)).toBe(29);
    expect(findEnvelopeStart(b("xxISA*00"), 0)).toBe(2);
    expect(findEnvelopeStart(b("xxISA*00"), 3)).toBe(-1);
    expect(envelopeStartAt(b("UNA:"), 0)).toBe("UNA");
  });

  it("skips filler: blanks, line breaks, NUL and Ctrl-Z", () => {
    expect(skipFiller(b(" \t\r\n\u0000\u001aX"), 0)).toBe(6);
    expect(skipFiller(b("X "), 0)).toBe(0);
  });
});
