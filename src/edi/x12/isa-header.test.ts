import { describe, expect, it } from "vitest";
import { readEdi } from "../read-edi.js";
import { type IsaHeaderResult, readIsaHeader } from "./isa-header.js";

/** ISA01..ISA15 padded to width; ISA11, ISA12 and the separators vary per test. */
function isa(
  opts: { sep?: string; isa11?: string; version?: string; isa16?: string; term?: string } = {},
): string {
  const s = opts.sep ?? "*";
  const fields = [
    "00",
    "          ",
    "00",
    "          ",
    "ZZ",
    "ACMEFOODS      ",
    "ZZ",
    "GROCERYCO      ",
    "240315",
    "0930",
  ];
  const tail = [opts.isa11 ?? "^", opts.version ?? "00501", "000000101", "0", "P", opts.isa16 ?? ">"];
  return `ISA${s}${[...fields, ...tail].join(s)}${opts.term ?? "~"}`;
}

function read(text: string, final = true): IsaHeaderResult {
  return readIsaHeader(Buffer.from(text, "latin1"), 0, final, 0, 1);
}

function ok(result: IsaHeaderResult): Extract<IsaHeaderResult, { kind: "ok" }> {
  if (result.kind !== "ok") throw new Error(`expected an ISA header, got ${result.kind}`);
  return result;
}

describe("readIsaHeader: delimiters", () => {
  it("takes the element separator after ISA, ISA16 as component, the next byte as terminator", () => {
    const r = ok(read(`${isa()}GS*PO~`));
    expect(r.delimiters).toEqual({
      element: "*",
      component: ">",
      repetition: "^",
      segment: "~",
      release: null,
      decimal: null,
    });
    expect(r.length).toBe(106);
    expect(r.segmentLength).toBe(105);
    expect(r.elements).toHaveLength(16);
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ["00501", "^", "^"],
    ["00402", "!", "!"],
    ["00501", "U", null],
    ["00401", "U", null],
    ["00401", "^", null],
    ["00200", "^", null],
  ])("version %s with ISA11 %j gives repetition %j", (version, isa11, repetition) => {
    expect(ok(read(isa({ version, isa11 }))).delimiters.repetition).toBe(repetition);
  });

  it("does not take a letter or digit in ISA11 as a repetition separator", () => {
    expect(ok(read(isa({ isa11: "X" }))).delimiters.repetition).toBeNull();
  });

  it("reads a newline, CR or CRLF terminator (the CR of CRLF is the terminator)", () => {
    expect(ok(read(isa({ term: "\n" }))).delimiters.segment).toBe("\n");
    expect(ok(read(isa({ term: "\r" }))).delimiters.segment).toBe("\r");
    const crlf = ok(read(isa({ term: "\r\n" })));
    expect(crlf.delimiters.segment).toBe("\r");
    expect(crlf.length).toBe(106);
  });

  it("reads a multi-byte UTF-8 terminator and component separator as one delimiter each", () => {
    const text = Buffer.from(isa({ isa16: "¦", term: "Ö" }), "utf8");
    const r = ok(readIsaHeader(text, 0, true, 0, 1));
    expect(r.delimiters.segment).toBe(Buffer.from("Ö", "utf8").toString("latin1"));
    expect(r.delimiters.component).toBe(Buffer.from("¦", "utf8").toString("latin1"));
    expect(r.length).toBe(text.length);
  });

  it("reads other separators, e.g. | and : and !", () => {
    const r = ok(read(isa({ sep: "|", isa16: ":", term: "!", isa11: "U", version: "00401" })));
    expect(r.delimiters).toMatchObject({ element: "|", component: ":", segment: "!", repetition: null });
  });

  it("reads from an offset inside a buffer and reports positions relative to the input", () => {
    const text = `junk${isa({ version: "0050X" })}`;
    const r = ok(readIsaHeader(Buffer.from(text, "latin1"), 4, true, 1004, 3));
    expect(r.warnings[0]).toMatchObject({
      code: "EDI_ISA_FIELD_VALUE",
      offset: 1004 + 84,
      segment: 3,
      element: 12,
    });
  });
});

describe("readIsaHeader: incomplete and invalid headers", () => {
  it("asks for more bytes until the terminator has come, then reports truncation at the end", () => {
    const full = isa();
    for (const cut of [3, 50, 104, 105]) {
      expect(read(full.slice(0, cut), false).kind).toBe("need-more");
      const r = read(full.slice(0, cut), true);
      expect(r).toMatchObject({ kind: "invalid", error: { code: "EDI_TRUNCATED", offset: 0, tag: "ISA" } });
    }
  });

  it("waits for all bytes of a multi-byte terminator", () => {
    const bytes = Buffer.from(isa({ term: "Ö" }), "utf8");
    expect(readIsaHeader(bytes.subarray(0, bytes.length - 1), 0, false, 0, 1).kind).toBe("need-more");
  });

  it("refuses a letter, digit, blank or line break as element separator", () => {
    for (const sep of ["A", "0", " ", "\n"]) {
      expect(read(`ISA${sep}00`)).toMatchObject({
        kind: "invalid",
        error: { code: "EDI_ISA_INVALID", element: 1 },
      });
    }
  });

  it("refuses a header without 16 elements within 512 bytes", () => {
    const r = read(`ISA*00*${"x".repeat(600)}`, false);
    expect(r).toMatchObject({
      kind: "invalid",
      error: { code: "EDI_ISA_INVALID", offset: 0, segment: 1, tag: "ISA" },
    });
  });

  it("refuses a terminator that is alphanumeric, the element separator or the component separator", () => {
    for (const term of ["G", "*", ">"]) {
      const r = read(isa({ term }));
      expect(r).toMatchObject({
        kind: "invalid",
        error: { code: "EDI_ISA_INVALID", offset: 105, element: 16 },
      });
      if (r.kind === "invalid") expect(r.error.ack).toEqual({ ta1: "026", contrl: "20" });
    }
  });

  it("refuses an ISA16 that is alphanumeric or the element separator", () => {
    for (const isa16 of ["A", "*"]) {
      const r = read(isa({ isa16 }));
      expect(r).toMatchObject({
        kind: "invalid",
        error: { code: "EDI_ISA_INVALID", offset: 104, element: 16 },
      });
    }
  });
});

describe("readIsaHeader: repetition separator that repeats another delimiter", () => {
  // From 00402 on ISA11 is a delimiter, so it must differ from ISA16 and the segment terminator.
  it.each([">", "~"])("reports ISA11 %j", (isa11) => {
    const r = read(isa({ isa11 }));
    const faults = r.kind === "ok" ? r.warnings : r.kind === "invalid" ? [r.error] : [];
    expect(faults.map((f) => f.code)).toContainEqual(
      expect.stringMatching(/^EDI_ISA_(INVALID|FIELD_VALUE)$/),
    );
  });
});

describe("readIsaHeader: width and value warnings", () => {
  it("reports each ISA element that is not padded to width, with the TA1 note code of that element", () => {
    const compact = "ISA*00* *00* *ZZ*ACME *ZZ*GROCER *240315*0930*^*00501*101*0*P*>~";
    const r = ok(read(compact));
    const widths = r.warnings.map((w) => [w.code, w.element, w.offset, w.ack.ta1]);
    expect(widths).toEqual([
      ["EDI_ISA_FIELD_WIDTH", 2, 7, "011"],
      ["EDI_ISA_FIELD_WIDTH", 4, 12, "013"],
      ["EDI_ISA_FIELD_WIDTH", 6, 17, "006"],
      ["EDI_ISA_FIELD_WIDTH", 8, 26, "008"],
      ["EDI_ISA_FIELD_WIDTH", 13, compact.indexOf("*101*") + 1, "018"],
    ]);
    expect(r.delimiters.segment).toBe("~");
  });

  it("reports a version that is not five digits (ISA12, TA1 note 017)", () => {
    const r = ok(read(isa({ version: "343434" })));
    expect(r.warnings.map((w) => [w.code, w.element, w.ack])).toEqual([
      ["EDI_ISA_FIELD_WIDTH", 12, { ta1: "017", contrl: "20" }],
      ["EDI_ISA_FIELD_VALUE", 12, { ta1: "017", contrl: "20" }],
    ]);
  });
});

describe("hard-wrapped ISA (fixed-length records)", () => {
  // Files cut into 80-byte records put a line break inside an ISA element; elsewhere such line breaks are layout.
  const header = isa();
  const wrapped = `${header.slice(0, 80)}\n${header.slice(80)}IEA*0*000000101~`;

  it("reads the element without the line break", () => {
    const [ic] = readEdi(Buffer.from(wrapped, "latin1")).interchanges;
    expect(ic?.time).toBe("0930");
  });

  it("does not count the line break in the element's width", () => {
    expect(readEdi(Buffer.from(wrapped, "latin1")).errors).toEqual([]);
  });
});

describe("ISA facts through the reader", () => {
  it("gives the interchange header from ISA05..ISA15, padding trimmed", () => {
    const text = `${isa({ version: "00401", isa11: "U" })}IEA*0*000000101~`.replace("*0*P*", "*1*T*");
    const [ic] = readEdi(Buffer.from(text, "latin1")).interchanges;
    expect(ic).toMatchObject({
      standard: "x12",
      sender: { qualifier: "ZZ", id: "ACMEFOODS" },
      receiver: { qualifier: "ZZ", id: "GROCERYCO" },
      date: "240315",
      time: "0930",
      version: "00401",
      control: "000000101",
      syntaxId: null,
      ackRequested: true,
      test: true,
      serviceStringAdvice: false,
      offset: 0,
    });
  });
});
