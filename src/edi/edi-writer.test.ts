import { describe, expect, it } from "vitest";
import { x12 } from "../../test/support/edi-error-cases.js";
import { ediFixtureNames, readEdiFixture } from "../../test/support/edi-fixtures.js";
import { isOpenVanError } from "../kernel/index.js";
import { edifactDefaultDelimiters, x12DefaultDelimiters } from "./delimiters.js";
import type { InterchangeJson, SegmentJson } from "./edi-json.js";
import { readEdiJson } from "./edi-json-reader.js";
import { writeEdi, writeInterchange } from "./edi-writer.js";
import { readEdi } from "./read-edi.js";

function readOne(bytes: Buffer): InterchangeJson {
  const { interchanges, errors } = readEdiJson(bytes);
  expect(errors).toEqual([]);
  return interchanges[0] as InterchangeJson;
}

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isOpenVanError(e)) return e.code;
    throw e;
  }
  return undefined;
}

const x12Json = (segments: SegmentJson[]): InterchangeJson => ({
  standard: "x12",
  delimiters: x12DefaultDelimiters,
  serviceStringAdvice: false,
  encoding: "utf-8",
  lineBreak: "",
  segments,
});

const edifactJson = (segments: SegmentJson[], serviceStringAdvice = false): InterchangeJson => ({
  standard: "edifact",
  delimiters: edifactDefaultDelimiters,
  serviceStringAdvice,
  encoding: "utf-8",
  lineBreak: "",
  segments,
});

const isaShort: SegmentJson = [
  "ISA",
  "00",
  "",
  "00",
  "",
  "ZZ",
  "ACME",
  "ZZ",
  "SHOP",
  "240315",
  "0930",
  "^",
  "00501",
  "7",
  "0",
  "P",
  ":",
];

describe("writing back what was read", () => {
  // A hard-wrapped file is written back one segment per line, not in its 80-column records (checked below).
  const clean = ediFixtureNames().filter(
    (name) => name !== "x12-wrapped-80-columns.edi" && readEdi(readEdiFixture(name)).errors.length === 0,
  );

  it.each(clean)("%s gives its own bytes", (name) => {
    const bytes = readEdiFixture(name);
    const ranges = readEdi(bytes).interchanges.map((i) => i.range);
    readEdiJson(bytes).interchanges.forEach((ic, k) => {
      const out = writeInterchange(ic);
      const start = ranges[k]?.start ?? 0;
      expect(out.length).toBeGreaterThanOrEqual((ranges[k]?.end ?? 0) - start);
      expect(out.toString("latin1")).toBe(bytes.toString("latin1", start, start + out.length));
    });
  });
});

describe("layout", () => {
  it("writes a hard-wrapped interchange with its line break after each terminator, segments unchanged", () => {
    const ic = readOne(readEdiFixture("x12-wrapped-80-columns.edi"));
    const out = writeEdi([ic]).toString("latin1");
    expect(out).toContain("~\nBIG*20240315*INV-1234567**PO-4711~\n");
    expect(readOne(Buffer.from(out, "latin1")).segments).toEqual(ic.segments);
  });

  it("writes another line break when asked", () => {
    const ic = readOne(readEdiFixture("x12-crlf-after-terminator.edi"));
    expect(writeEdi([ic], { lineBreak: "" }).toString("latin1")).not.toMatch(/[\r\n]/);
  });
});

describe("re-delimiting in one call", () => {
  it("writes X12 with new delimiters that read back to the same segments", () => {
    const ic = readOne(readEdiFixture("x12-repetition-00501.edi"));
    const delimiters = { element: "|", component: "\\", repetition: "{", segment: "!" };
    const out = writeEdi([ic], { delimiters, lineBreak: "\r\n" });
    expect(out.toString("latin1")).toMatch(/^ISA\|00\|.*\|\{\|00501\|.*\|\\!\r\nGS\|HB\|/s);
    const back = readOne(out);
    expect(back.delimiters).toMatchObject(delimiters);
    expect(back.lineBreak).toBe("\r\n");
    expect(back.segments.slice(1)).toEqual(ic.segments.slice(1));
    expect(back.segments[0]?.[11]).toBe("{");
    expect(back.segments[0]?.[16]).toBe("\\");
  });

  it("writes EDIFACT with new delimiters and a UNA that declares them", () => {
    const ic = readOne(readEdiFixture("edifact-release-characters.edi"));
    const out = writeEdi([ic], { delimiters: { element: "|", component: "^", release: "!", segment: "#" } });
    expect(out.toString("latin1")).toMatch(/^UNA\^\|\.! #\nUNB\|UNOC\^3\|/);
    const back = readOne(out);
    expect(back.segments).toEqual(ic.segments);
  });

  it("writes a UNA when the delimiters differ from the defaults, even without one in the original", () => {
    const ic = readOne(readEdiFixture("edifact-no-una-defaults.edi"));
    expect(writeEdi([ic]).toString("latin1")).toMatch(/^UNB\+/);
    expect(writeEdi([ic], { delimiters: { segment: "~" } }).toString("latin1")).toMatch(
      /^UNA:\+\.\? ~\nUNB\+/,
    );
  });

  it("declares a new EDIFACT repetition separator, so that repetitions read back", () => {
    const ic = readOne(readEdiFixture("edifact-syntax4-repetition.edi"));
    const back = readOne(writeEdi([ic], { delimiters: { repetition: "^" } }));
    expect(back.segments).toEqual(ic.segments);
  });
});

describe("X12 ISA", () => {
  it("pads ISA elements to their widths: text with blanks, ISA13 with zeros", () => {
    const out = writeEdi([x12Json([isaShort, ["IEA", "0", "000000007"]])]).toString("latin1");
    expect(out.slice(0, 106)).toBe(
      "ISA*00*          *00*          *ZZ*ACME           *ZZ*SHOP           *240315*0930*^*00501*000000007*0*P*:~",
    );
    expect(readEdi(Buffer.from(out, "latin1")).errors).toEqual([]);
  });

  it("writes ISA11 and ISA16 from the delimiters written", () => {
    const out = writeEdi([x12Json([isaShort, ["IEA", "0", "000000007"]])], {
      delimiters: { component: ">", repetition: null },
    });
    expect(out.toString("latin1").slice(80, 106)).toBe("240315*0930*U*00501*000000007*0*P*>~".slice(-26));
  });

  it("keeps ISA11 as written before version 00402, where it is not a delimiter", () => {
    const isa401: SegmentJson = [
      ...isaShort.slice(0, 11),
      "U",
      "00401",
      ...isaShort.slice(13),
    ] as SegmentJson;
    const out = writeEdi([x12Json([isa401, ["IEA", "0", "7"]])]).toString("latin1");
    expect(out).toContain("*U*00401*");
  });

  it("refuses an ISA value longer than its width rather than cutting it", () => {
    // ISA06 is the sender's address on the network: cutting "ACMEFOODSEUROPE1" to 15 characters names someone else.
    const isa = [...isaShort] as SegmentJson;
    isa[6] = "ACMEFOODSEUROPE1";
    expect(() => writeEdi([x12Json([isa, ["IEA", "0", "7"]])])).toThrow();
  });

  it("refuses an ISA value that holds a delimiter", () => {
    const isa = [...isaShort] as SegmentJson;
    isa[6] = "AC*ME";
    expect(thrownCode(() => writeEdi([x12Json([isa, ["IEA", "0", "7"]])]))).toBe(
      "EDI_WRITE_DELIMITER_IN_DATA",
    );
  });
});

describe("values that hold delimiters", () => {
  it.each(["A*B", "A:B", "A^B", "A~B"])("X12 refuses %j with EDI_WRITE_DELIMITER_IN_DATA", (value) => {
    const ic = x12Json([isaShort, ["REF", "ZZ", value], ["IEA", "0", "7"]]);
    expect(thrownCode(() => writeEdi([ic]))).toBe("EDI_WRITE_DELIMITER_IN_DATA");
  });

  it("X12 says where the value is", () => {
    const ic = x12Json([isaShort, ["REF", "ZZ", ["A", "B*C"]], ["IEA", "0", "7"]]);
    expect(() => writeEdi([ic])).toThrow(/segment 2 \(REF\) element 2/);
  });

  it("X12 refuses repetitions when the interchange has no repetition separator", () => {
    const ic = x12Json([isaShort, ["EB", { repeats: ["1", "2"] }], ["IEA", "0", "7"]]);
    expect(thrownCode(() => writeEdi([ic], { delimiters: { repetition: null } }))).toBe(
      "EDI_WRITE_DELIMITER_IN_DATA",
    );
  });

  it("EDIFACT escapes each delimiter and the release character itself", () => {
    const ic = edifactJson([
      ["UNB", ["UNOC", "3"], "S", "R", ["240315", "0930"], "X"],
      ["FTX", "AAI", "", "", ["A+B:C'D?E", "F"]],
      ["UNZ", "0", "X"],
    ]);
    const out = writeEdi([ic]).toString("latin1");
    expect(out).toContain("FTX+AAI+++A?+B?:C?'D??E:F'");
    expect(readEdiJson(Buffer.from(out, "latin1")).interchanges[0]?.segments[1]).toEqual(ic.segments[1]);
  });

  it("EDIFACT escapes the repetition separator in syntax version 4", () => {
    const ic = {
      ...edifactJson([
        ["UNB", ["UNOC", "4"], "S", "R", ["20240315", "0930"], "X"],
        ["FTX", "A*B"],
        ["UNZ", "0", "X"],
      ]),
    };
    ic.delimiters = { ...edifactDefaultDelimiters, repetition: "*" };
    expect(writeEdi([ic]).toString("latin1")).toContain("FTX+A?*B'");
  });

  it("EDIFACT without a release character refuses a delimiter in data", () => {
    const ic = edifactJson(
      [
        ["UNB", ["UNOC", "3"], "S", "R", ["240315", "0930"], "X"],
        ["FTX", "A+B"],
        ["UNZ", "0", "X"],
      ],
      true,
    );
    const code = thrownCode(() => writeEdi([ic], { delimiters: { release: null } }));
    expect(code).toBe("EDI_WRITE_DELIMITER_IN_DATA");
  });
});

describe("binary segments", () => {
  it("writes BIN data as it is and sets BIN01 to its byte length", () => {
    const data = "a~b*c:\u00e9";
    const text = x12(
      "GS*PI*A*B*20240315*0930*1*X*005010",
      "ST*275*1",
      "BIN*1*x",
      "SE*3*1",
      "GE*1*1",
      "IEA*1*000000101",
    );
    const ic = readOne(Buffer.from(text, "latin1"));
    ic.segments[3] = ["BIN", "999", data];
    const out = writeEdi([ic]);
    expect(out.toString("utf8")).toContain(`BIN*8*${data}~`);
    expect(readEdiJson(out).interchanges[0]?.segments[3]).toEqual(["BIN", "8", data]);
  });
});

describe("several interchanges", () => {
  it("writes each with its own delimiters, one after the other", () => {
    const bytes = readEdiFixture("x12-two-interchanges-different-delimiters.edi");
    const { interchanges } = readEdiJson(bytes);
    // The first interchange has no line breaks, so none is written between the two.
    expect(writeEdi(interchanges).toString("latin1")).toBe(
      bytes.toString("latin1").replace("~\nISA|", "~ISA|"),
    );
  });
});
