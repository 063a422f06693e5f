import { describe, expect, it } from "vitest";
import { x12 } from "../../test/support/edi-error-cases.js";
import { readEdiFixture } from "../../test/support/edi-fixtures.js";
import type { InterchangeJson } from "./edi-json.js";
import { readEdiJson } from "./edi-json-reader.js";

function only(bytes: Buffer): InterchangeJson {
  const { interchanges, errors } = readEdiJson(bytes);
  expect(errors).toEqual([]);
  expect(interchanges).toHaveLength(1);
  return interchanges[0] as InterchangeJson;
}

describe("readEdiJson", () => {
  it("keeps every segment from ISA to IEA, ISA elements as written", () => {
    const ic = only(readEdiFixture("x12-repetition-00501.edi"));
    expect(ic.standard).toBe("x12");
    expect(ic.segments.map((s) => s[0])).toEqual([
      "ISA",
      "GS",
      "ST",
      "BHT",
      "EB",
      "HI",
      "MSG",
      "SE",
      "GE",
      "IEA",
    ]);
    expect(ic.segments[0]?.[6]).toBe("CLINIC01       ");
    expect(ic.segments[0]?.[11]).toBe("^");
    expect(ic.segments[4]).toEqual(["EB", "1", "IND", { repeats: ["30", "1", "33"] }, "", "PLAN A"]);
    expect(ic.segments[5]).toEqual([
      "HI",
      {
        repeats: [
          ["ABK", "J449"],
          ["ABF", "E119"],
        ],
      },
    ]);
  });

  it("takes ^ as data when ISA11 is U (version 00401)", () => {
    const ic = only(readEdiFixture("x12-isa11-u-version-00401.edi"));
    expect(ic.delimiters.repetition).toBeNull();
    expect(ic.segments[4]).toEqual(["N1", "ST", "DOCK A^B", "92", "0012"]);
  });

  it.each([
    ["x12-850-newline-terminator.edi", "\n", ""],
    ["x12-cr-terminator.edi", "\r", ""],
    ["x12-crlf-after-terminator.edi", "~", "\r\n"],
    ["x12-isa11-u-version-00401.edi", "~", "\n"],
    ["x12-two-interchanges-different-delimiters.edi", "~", ""],
    ["edifact-ung-groups.edi", "'", "\r\n"],
    ["edifact-syntax4-repetition.edi", "'", ""],
  ])("%s: terminator %j, line break %j", (name, segment, lineBreak) => {
    const ic = readEdiJson(readEdiFixture(name)).interchanges[0];
    expect(ic?.delimiters.segment).toBe(segment);
    expect(ic?.lineBreak).toBe(lineBreak);
  });

  it("says whether the EDIFACT interchange had a UNA", () => {
    expect(only(readEdiFixture("edifact-release-characters.edi")).serviceStringAdvice).toBe(true);
    expect(only(readEdiFixture("edifact-no-una-defaults.edi")).serviceStringAdvice).toBe(false);
  });

  it("unescapes release characters", () => {
    const ic = only(readEdiFixture("edifact-release-characters.edi"));
    expect(ic.segments[2]).toEqual(["BGM", "220", "PO+1:A", "9"]);
    expect(ic.segments[3]).toEqual(["FTX", "AAI", "", "", "IT'S 50? OFF?"]);
    expect(ic.segments[4]).toEqual(["NAD", "BY", "", "", "O'BRIEN:SONS"]);
  });

  it("reads UNA delimiters, the decimal mark and release character", () => {
    const ic = only(readEdiFixture("edifact-una-odd-delimiters.edi"));
    expect(ic.delimiters).toEqual({
      component: ">",
      element: "|",
      decimal: ",",
      release: "/",
      repetition: null,
      segment: "!",
    });
    expect(ic.segments[2]).toEqual(["BGM", "220", "PO!4711|A", "9"]);
    expect(ic.segments[3]).toEqual(["QTY", ["21", "12,5", "PCE"]]);
    expect(ic.segments[4]).toEqual(["FTX", "AAI", "", "", "50/ OFF>MIN|ONE"]);
  });

  it("decodes valid UTF-8 as UTF-8, delimiters included", () => {
    const ic = only(readEdiFixture("x12-utf8-terminator.edi"));
    expect(ic.encoding).toBe("utf-8");
    expect(ic.delimiters.segment).toBe("Ö");
  });

  it("decodes bytes that are not UTF-8 as Latin-1, one character per byte", () => {
    const ic = only(readEdiFixture("edifact-latin1-unoc.edi"));
    expect(ic.encoding).toBe("latin1");
    expect(ic.segments[3]).toEqual(["NAD", "BY", "", "", "Café Müller", "Rue de l'Église 5"]);
  });

  it("keeps binary data as Latin-1 text, delimiters and all", () => {
    const ic = only(readEdiFixture("x12-bin-segment.edi"));
    expect(ic.encoding).toBe("latin1");
    expect(ic.segments[4]).toEqual(["BIN", "14", "A*B:C~D^E~\u0000\u00ff~~"]);
  });

  it("decides the encoding per interchange", () => {
    const a = x12("IEA*0*000000101");
    const b = x12("IEA*0*000000101").replace("ACMEFOODS ", "ACMEFOODS\u00e9");
    const { interchanges } = readEdiJson(Buffer.concat([Buffer.from(a, "latin1"), Buffer.from(b, "latin1")]));
    expect(interchanges.map((i) => i.encoding)).toEqual(["utf-8", "latin1"]);
  });

  it("returns the reader's errors and leaves out what is not in an interchange", () => {
    const { interchanges, errors } = readEdiJson(readEdiFixture("junk-before-envelope.edi"));
    expect(interchanges).toHaveLength(1);
    expect(errors.map((e) => e.code)).toEqual(["EDI_UNEXPECTED_DATA"]);
  });

  it("includes an interchange without its trailer, with the segments it has", () => {
    const { interchanges, errors } = readEdiJson(readEdiFixture("x12-truncated-no-iea.edi"));
    expect(errors.map((e) => e.code)).toEqual(["EDI_INTERCHANGE_TRAILER_MISSING"]);
    expect(interchanges.map((i) => i.segments.at(-1)?.[0])).toEqual(["GE"]);
  });
});

describe("readEdiJson over UTF-16 input", () => {
  // The reader re-encodes UTF-16 as UTF-8; the JSON must describe that text, not the UTF-16 bytes.
  const text = x12(
    "GS*PO*A*B*20240315*0930*1*X*005010",
    "ST*850*1",
    "N1*ST*Café",
    "SE*3*1",
    "GE*1*1",
    "IEA*1*000000101",
  )
    // ISA06 stays 15 bytes wide in UTF-8: É takes two.
    .replace("ACMEFOODS      ", "ACMEFOODÉ     ")
    .replaceAll("~", "~\n");

  it("decodes non-ASCII text as UTF-8", () => {
    const ic = only(Buffer.from(text, "utf16le"));
    expect(ic.encoding).toBe("utf-8");
    expect(ic.segments[0]?.[6]).toBe("ACMEFOODÉ     ");
    expect(ic.segments[3]).toEqual(["N1", "ST", "Café"]);
  });

  it("finds the line break after each terminator", () => {
    expect(only(Buffer.from(text, "utf16le")).lineBreak).toBe("\n");
  });
});
