import { describe, expect, it } from "vitest";
import { readEdi } from "../read-edi.js";
import { readServiceString, type ServiceStringResult } from "./service-string.js";

function read(text: string, final = true): ServiceStringResult {
  return readServiceString(Buffer.from(text, "latin1"), 0, final, 0, 1);
}

describe("readServiceString (UNA)", () => {
  it("reads the six service characters in order", () => {
    expect(read("UNA:+.? 'UNB")).toEqual({
      kind: "ok",
      length: 9,
      delimiters: {
        component: ":",
        element: "+",
        decimal: ".",
        release: "?",
        repetition: null,
        segment: "'",
      },
    });
  });

  it("reads a repetition separator and unusual characters", () => {
    const r = read("UNA>|,/*!");
    expect(r).toMatchObject({
      kind: "ok",
      delimiters: { component: ">", element: "|", decimal: ",", release: "/", repetition: "*", segment: "!" },
    });
  });

  it("takes a blank release character as none", () => {
    expect(read("UNA:+.  '")).toMatchObject({ kind: "ok", delimiters: { release: null, repetition: null } });
  });

  it("accepts a blank as segment terminator", () => {
    expect(read("UNA:+.?* ")).toMatchObject({ kind: "ok", delimiters: { segment: " ", repetition: "*" } });
  });

  it("waits for nine bytes, and reports truncation at the end of the input", () => {
    expect(read("UNA:+.?", false)).toEqual({ kind: "need-more" });
    expect(read("UNA:+.?")).toMatchObject({
      kind: "invalid",
      error: { code: "EDI_TRUNCATED", offset: 0, segment: 1, tag: "UNA", ack: { ta1: "023", contrl: "13" } },
    });
  });

  it.each([
    ["UNAA+.? '", 1],
    ["UNA:1.? '", 2],
    ["UNA: .? '", 2],
    ["UNA:+x? '", 3],
    ["UNA:+.9 '", 4],
    ["UNA:+.?Z'", 5],
    ["UNA:+.? Q", 6],
  ])("refuses %j: UNA%i cannot be a letter, digit or blank", (text, element) => {
    expect(read(text)).toMatchObject({
      kind: "invalid",
      error: { code: "EDI_UNA_INVALID", offset: 2 + element, element, tag: "UNA", ack: { contrl: "20" } },
    });
  });

  it("refuses a character named for two delimiters", () => {
    for (const text of ["UNA++.? '", "UNA:+.:? '", "UNA:+.??'", "UNA:+.?''", "UNA:+.? ."]) {
      expect(read(text)).toMatchObject({ kind: "invalid", error: { code: "EDI_UNA_INVALID", offset: 0 } });
    }
  });
});

describe("UNA through the reader", () => {
  it("applies the UNA delimiters to the interchange that follows, after a line break", () => {
    const text = "UNA>|,/ !\nUNB|UNOA>2|S>ZZ|R>ZZ|240315>0930|X1!\nUNZ|0|X1!\n";
    const { interchanges, errors } = readEdi(Buffer.from(text, "latin1"));
    expect(errors).toEqual([]);
    expect(interchanges[0]).toMatchObject({
      serviceStringAdvice: true,
      offset: 0,
      range: { start: 0, end: text.length - 1 },
      delimiters: {
        component: ">",
        element: "|",
        decimal: ",",
        release: "/",
        repetition: null,
        segment: "!",
      },
    });
  });

  it("reports an invalid UNA and skips it", () => {
    const text = "UNA:+.?A'UNB+UNOA:2+S+R+240315:0930+X1'UNZ+0+X1'";
    const { interchanges, errors } = readEdi(Buffer.from(text, "latin1"));
    expect(errors.map((e) => [e.code, e.offset])).toEqual([
      ["EDI_UNA_INVALID", 7],
      ["EDI_UNEXPECTED_DATA", 0],
    ]);
    expect(interchanges).toHaveLength(1);
    expect(interchanges[0]?.serviceStringAdvice).toBe(false);
  });

  it("reports a UNA that no UNB follows", () => {
    const text = "UNA:+.? 'UNH+1+ORDERS:D:96A:UN'";
    const { errors } = readEdi(Buffer.from(text, "latin1"));
    expect(errors[0]).toMatchObject({
      code: "EDI_INTERCHANGE_HEADER_MISSING",
      offset: 0,
      segment: 1,
      tag: "UNA",
    });
  });

  it("follows a UNA repetition separator in syntax version 3, and defaults to * in version 4", () => {
    const v3 = readEdi(Buffer.from("UNA:+.?^'UNB+UNOC:3+S+R+240315:0930+X1'UNZ+0+X1'", "latin1"));
    expect(v3.interchanges[0]?.delimiters.repetition).toBe("^");
    const v4 = readEdi(Buffer.from("UNB+UNOC:4+S+R+20240315:0930+X1'UNZ+0+X1'", "latin1"));
    expect(v4.interchanges[0]?.delimiters.repetition).toBe("*");
    const v3plain = readEdi(Buffer.from("UNB+UNOC:3+S+R+240315:0930+X1'UNZ+0+X1'", "latin1"));
    expect(v3plain.interchanges[0]?.delimiters.repetition).toBeNull();
  });
});
