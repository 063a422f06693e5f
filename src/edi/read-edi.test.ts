import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ediFixtureNames, readEdiFixture } from "../../test/support/edi-fixtures.js";
import type { Interchange } from "./envelope-model.js";
import { formatParty } from "./envelope-model.js";
import { readEdi, readEdiStream } from "./read-edi.js";

function only(name: string): Interchange {
  const { interchanges, errors } = readEdi(readEdiFixture(name));
  expect(errors).toEqual([]);
  expect(interchanges).toHaveLength(1);
  return interchanges[0] as Interchange;
}

const text = (bytes: Buffer, start: number, end: number): string => bytes.toString("latin1", start, end);

describe("interchange facts", () => {
  it("X12: parties, control number, version, flags, delimiters", () => {
    const ic = only("x12-850-newline-terminator.edi");
    expect(ic).toMatchObject({
      standard: "x12",
      sender: { qualifier: "ZZ", id: "ACMEFOODS" },
      receiver: { qualifier: "ZZ", id: "GROCERYCO" },
      control: "000000101",
      date: "240315",
      time: "0930",
      version: "00501",
      syntaxId: null,
      ackRequested: true,
      test: true,
      complete: true,
      delimiters: { element: "*", component: ">", repetition: "^", segment: "\n" },
    });
    expect(formatParty(ic.sender)).toBe("ZZ:ACMEFOODS");
  });

  it("X12: group and set facts", () => {
    const ic = only("x12-repetition-00501.edi");
    expect(ic.groups).toHaveLength(1);
    expect(ic.groups[0]).toMatchObject({
      id: "HB",
      control: "505",
      sender: "CLINIC01",
      receiver: "PAYER01",
      version: "005010X279A1",
      setCount: 1,
    });
    expect(ic.groups[0]?.sets[0]).toMatchObject({
      id: "271",
      control: "0001",
      version: "005010X279A1",
      segmentCount: 6,
    });
  });

  it("EDIFACT: parties, reference, syntax, ack request and test flags from UNB", () => {
    const ic = only("edifact-no-una-defaults.edi");
    expect(ic).toMatchObject({
      standard: "edifact",
      sender: { qualifier: "14", id: "5412345000013" },
      receiver: { qualifier: "14", id: "4012345000009" },
      control: "NOUNA1",
      date: "240315",
      time: "0930",
      version: "2",
      syntaxId: "UNOA",
      ackRequested: true,
      test: true,
      serviceStringAdvice: false,
      delimiters: {
        component: ":",
        element: "+",
        decimal: ".",
        release: "?",
        repetition: null,
        segment: "'",
      },
    });
    expect(formatParty({ qualifier: "", id: "X" })).toBe("X");
  });

  it("EDIFACT: messages without UNG form one implicit group", () => {
    const ic = only("edifact-release-characters.edi");
    expect(ic.groups).toHaveLength(1);
    expect(ic.groups[0]).toMatchObject({
      id: null,
      control: null,
      sender: null,
      receiver: null,
      version: null,
      setCount: 1,
    });
    expect(ic.groups[0]?.sets[0]).toMatchObject({
      id: "ORDERS",
      control: "1",
      version: "D:96A:UN",
      segmentCount: 5,
    });
  });

  it("EDIFACT: UNG groups with their ids, references and versions", () => {
    const ic = only("edifact-ung-groups.edi");
    expect(ic.groups.map((g) => [g.id, g.control, g.sender, g.receiver, g.version, g.setCount])).toEqual([
      ["ORDERS", "G1", "SENDAPP", "RECVAPP", "D:96A", 2],
      ["INVOIC", "G2", "SENDAPP", "RECVAPP", "D:96A", 1],
    ]);
    expect(ic.groups.flatMap((g) => g.sets.map((s) => `${s.id}/${s.control}`))).toEqual([
      "ORDERS/1",
      "ORDERS/2",
      "INVOIC/3",
    ]);
  });

  it("reads two interchanges with their own delimiters", () => {
    const { interchanges, errors } = readEdi(readEdiFixture("x12-two-interchanges-different-delimiters.edi"));
    expect(errors).toEqual([]);
    expect(
      interchanges.map((i) => [
        i.control,
        i.delimiters.element,
        i.delimiters.segment,
        i.delimiters.repetition,
      ]),
    ).toEqual([
      ["000000701", "*", "~", "^"],
      ["000000702", "|", "!", null],
    ]);
  });

  it("reads an interchange that holds only a TA1", () => {
    const ic = only("x12-ta1-only.edi");
    expect(ic.groups).toEqual([]);
  });
});

describe("byte ranges", () => {
  // Every range [start, end) starts with the header's tag and ends with the trailer and its terminator.
  it.each(ediFixtureNames().filter((n) => !n.endsWith(".txt")))("%s", (name) => {
    const bytes = readEdiFixture(name);
    for (const ic of readEdi(bytes).interchanges) {
      const { start, end } = ic.range;
      const term = ic.delimiters.segment;
      expect(text(bytes, start, start + 3)).toMatch(ic.standard === "x12" ? /^ISA$/ : /^UN[AB]$/);
      if (ic.complete)
        expect(text(bytes, start, end)).toMatch(new RegExp(`(IEA|UNZ)[^]*${regexEscape(term)}$`));
      for (const group of ic.groups) {
        if (group.id !== null)
          expect(text(bytes, group.range.start, group.range.start + 3)).toMatch(/^(GS|UNG)/);
        for (const set of group.sets) {
          const setText = text(bytes, set.range.start, set.range.end);
          expect(setText).toMatch(/^(ST|UNH)/);
          if (name !== "edifact-truncated.edi") {
            expect(setText.endsWith(term)).toBe(true);
            expect(setText).toMatch(
              new RegExp(`(SE|UNT)${regexEscape(ic.delimiters.element)}[^]*${regexEscape(term)}$`),
            );
          }
        }
      }
    }
  });

  it("interchange ranges of a two-interchange file cover exactly their bytes", () => {
    const bytes = readEdiFixture("x12-two-interchanges-different-delimiters.edi");
    const [a, b] = readEdi(bytes).interchanges;
    expect(text(bytes, a?.range.start ?? 0, a?.range.end ?? 0)).toMatch(/^ISA\*.*IEA\*1\*000000701~$/s);
    expect(text(bytes, b?.range.start ?? 0, b?.range.end ?? 0)).toMatch(/^ISA\|.*IEA\|1\|000000702!$/s);
  });

  it("a UNA belongs to its interchange's range", () => {
    const bytes = readEdiFixture("edifact-ung-groups.edi");
    const ic = only("edifact-ung-groups.edi");
    expect(ic.range.start).toBe(0);
    expect(text(bytes, 0, 9)).toBe("UNA:+.? '");
    expect(text(bytes, ic.range.end - 11, ic.range.end)).toBe("UNZ+2+GRP1'");
  });

  it("a trailer without its terminator ends the range, without the line break after it", () => {
    const text = readEdiFixture("x12-ta1-only.edi").toString("latin1").replace(/~\n$/, "\n");
    const [ic] = readEdi(Buffer.from(text, "latin1")).interchanges;
    expect(text.slice(0, ic?.range.end)).toMatch(/IEA\*0\*000000901$/);
  });

  it("a BOM and blank lines before the ISA are not part of the interchange", () => {
    const ic = only("x12-bom-leading-whitespace.edi");
    // BOM (3 bytes), CR LF, two blanks, LF, TAB.
    expect(ic.offset).toBe(9);
    expect(ic.range.start).toBe(9);
  });
});

describe("inputs", () => {
  it("reads a plain Uint8Array as it reads a Buffer", () => {
    const bytes = readEdiFixture("edifact-ung-groups.edi");
    expect(readEdi(new Uint8Array(bytes))).toEqual(readEdi(bytes));
  });

  it("reads UTF-16 (with or without a byte-order mark) as its UTF-8 form", () => {
    const utf8 = readEdiFixture("x12-crlf-after-terminator.edi");
    const text = utf8.toString("utf8");
    const expected = readEdi(utf8);
    expect(readEdi(Buffer.from(text, "utf16le"))).toEqual(expected);
    expect(readEdi(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))).toEqual(
      expected,
    );
  });
});

describe("readEdiStream", () => {
  it("gives what readEdi gives for the same bytes", async () => {
    for (const name of ediFixtureNames()) {
      const bytes = readEdiFixture(name);
      const streamed = await readEdiStream(Readable.from([bytes.subarray(0, 50), bytes.subarray(50)]));
      expect(streamed, name).toEqual(readEdi(bytes));
    }
  });
});

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
