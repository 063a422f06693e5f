import { describe, expect, it } from "vitest";
import { renderAck, setBody } from "../../../test/support/ack-helpers.js";
import {
  edifactInterchange,
  edifactTestDictionary,
  edifactTestOrders,
  goodOrders,
  goodPo,
  x12Interchange,
  x12Test850,
  x12Test856,
  x12TestDictionary,
} from "../../../test/support/guide-fixtures.js";
import type { AckReport } from "../acks/ack-report.js";
import { render997 } from "../acks/render-997.js";
import { render999 } from "../acks/render-999.js";
import { renderContrl } from "../acks/render-contrl.js";
import { GuideSet } from "./guide-set.js";
import { loadGuide } from "./load-guide.js";
import { validateInterchanges } from "./validate-interchanges.js";

const guides = GuideSet.of(
  [x12TestDictionary, { ...x12TestDictionary, version: "005010" }, edifactTestDictionary],
  [x12Test850, x12Test856, edifactTestOrders],
);

function validate(text: string, set = guides) {
  return validateInterchanges(Buffer.from(text, "latin1"), set);
}

/** The guide faults of an 850 body as `CODE@setPosition[.element[-component]]`. */
function faults(body: string[], version = "004010", isa12 = "00401"): string[] {
  const { findings } = validate(x12Interchange(body, "850", version, isa12));
  return findings.map((f) => `${f.code}@${f.setPosition}${f.element === undefined ? "" : `.${f.element}`}`);
}

function replace(index: number, ...segments: string[]): string[] {
  return [...goodPo.slice(0, index), ...segments, ...goodPo.slice(index + 1)];
}

function only(report: AckReport | undefined) {
  const set = report?.groups[0]?.sets[0];
  if (set === undefined) throw new Error("no set in the report");
  return set;
}

describe("validateInterchanges: X12 structure", () => {
  it("accepts a sound 850 and names the guide it used", () => {
    const { reports, findings } = validate(x12Interchange(goodPo));
    expect(findings).toEqual([]);
    expect(only(reports[0])).toMatchObject({ guide: "test-x12-850", status: "accepted" });
  });

  it("checks a set without a guide for syntax only, and says so", () => {
    const { reports, findings } = validate(x12Interchange(["BIG*20250115*INV1"], "810"));
    expect(findings).toEqual([]);
    expect(only(reports[0])).toMatchObject({ guide: null, status: "accepted" });
  });

  it("reports a segment the set does not have (AK304 6)", () => {
    expect(faults(replace(2, "REF*DP*038", "XYZ*1"))).toEqual(["EDI_SEGMENT_NOT_IN_SET@5"]);
  });

  it("reports a segment of a loop that is not open (AK304 2)", () => {
    expect(faults([...goodPo.slice(0, 3), ...goodPo.slice(4)])).toEqual(["EDI_SEGMENT_UNEXPECTED@5"]);
  });

  it("reports a segment out of order (AK304 7)", () => {
    expect(
      faults(["BEG*00*SA*PO-4471**20250115", "DTM*002*20250122", "REF*DP*038", ...goodPo.slice(3)]),
    ).toEqual(["EDI_SEGMENT_OUT_OF_ORDER@4"]);
  });

  it("reports a mandatory segment missing, at the segment found in its place (AK304 3)", () => {
    expect(faults(goodPo.slice(1))).toEqual(["EDI_SEGMENT_MISSING@2"]);
    expect(faults(goodPo.slice(0, -1))).toEqual(["EDI_SEGMENT_MISSING@10"]);
    expect(faults([...goodPo.slice(0, 5), "CTT*0"])).toEqual(["EDI_SEGMENT_MISSING@7"]);
  });

  it("reports a loop repeated too often (AK304 4) and a segment repeated too often (AK304 5)", () => {
    const n1 = "N1*ST*DC*92*0004";
    expect(faults([...goodPo.slice(0, 3), n1, n1, n1, n1, ...goodPo.slice(5)])).toEqual([
      "EDI_LOOP_REPEATS_EXCEEDED@8",
    ]);
    expect(faults(replace(1, "REF*DP*1", "REF*DP*2", "REF*DP*3"))).toEqual([
      "EDI_SEGMENT_REPEATS_EXCEEDED@5",
    ]);
  });

  it("starts a new loop iteration when the trigger repeats, and checks each iteration anew", () => {
    expect(faults(replace(3, "N1*ST*A*92*01", "N3*X", "N3*Y", "N1*BT*B*92*02", "N3*Z"))).toEqual([]);
  });
});

describe("validateInterchanges: X12 elements", () => {
  it.each([
    ["BEG*00*SA***20250115", "EDI_ELEMENT_MISSING@2.3"],
    ["BEG*00*SA*PO-1", "EDI_ELEMENT_MISSING@2.5"],
    ["BEG*0*SA*PO-1**20250115", "EDI_ELEMENT_TOO_SHORT@2.1"],
    ["BEG*00*SA*PO-12345678901234567890X**20250115", "EDI_ELEMENT_TOO_LONG@2.3"],
    ["BEG*99*SA*PO-1**20250115", "EDI_ELEMENT_INVALID_CODE@2.1"],
    ["BEG*00*SA*PO-1**20250230", "EDI_ELEMENT_INVALID_DATE@2.5"],
    ["BEG*00*SA*PO-1**2025011X", "EDI_ELEMENT_INVALID_CHARACTER@2.5"],
    ["BEG*00*SA*PO-1**20250115*EXTRA", "EDI_ELEMENT_TOO_MANY@2.6"],
  ])("%s: %s", (beg, expected) => {
    expect(faults(replace(0, beg))).toEqual([expected]);
  });

  it("accepts 29 February in a leap year only, and six-digit dates", () => {
    expect(faults(replace(0, "BEG*00*SA*PO-1**20240229"))).toEqual([]);
    expect(faults(replace(0, "BEG*00*SA*PO-1**20230229"))).toEqual(["EDI_ELEMENT_INVALID_DATE@2.5"]);
    expect(faults(replace(2, "DTM*002*20250122*2359"))).toEqual([]);
    expect(faults(replace(2, "DTM*002*20250122*2460"))).toEqual(["EDI_ELEMENT_INVALID_TIME@4.3"]);
  });

  it("checks numbers: sign and decimal point are not counted, other characters are refused", () => {
    expect(faults(replace(5, "PO1*1*-24*CA*18.5**UP*1"))).toEqual([]);
    expect(faults(replace(5, "PO1*1*2X*CA*18.50**UP*1"))).toEqual(["EDI_ELEMENT_INVALID_CHARACTER@7.2"]);
    expect(faults(replace(5, "PO1*1*2.4.1*CA*18.50**UP*1"))).toEqual(["EDI_ELEMENT_INVALID_CHARACTER@7.2"]);
    expect(faults([...goodPo.slice(0, -1), "CTT*1.5"])).toEqual(["EDI_ELEMENT_INVALID_CHARACTER@10.1"]);
  });

  it("applies the syntax notes P, R, C, E", () => {
    expect(faults(replace(1, "REF*DP"))).toEqual(["EDI_ELEMENT_CONDITION_MISSING@3.2"]);
    expect(faults(replace(3, "N1*ST*DC*92"))).toEqual(["EDI_ELEMENT_CONDITION_MISSING@5.4"]);
    expect(faults(replace(2, "DTM*002**2359"))).toEqual(["EDI_ELEMENT_CONDITION_MISSING@4.2"]);
    expect(faults(replace(5, "PO1*1*24*CA*18.50*PE*UP*1"))).toEqual(["EDI_ELEMENT_EXCLUSION_VIOLATED@7.5"]);
  });

  it("checks composites: mandatory components, too many components, notes among components", () => {
    const sln = (c: string) => [...goodPo.slice(0, 7), c, ...goodPo.slice(7)];
    expect(faults(sln("SLN*1*CA:2:3"))).toEqual([]);
    expect(faults(sln("SLN*1*:2:3"))).toEqual(["EDI_ELEMENT_MISSING@9.2"]);
    expect(faults(sln("SLN*1*CA:2:3:4"))).toEqual(["EDI_COMPONENTS_TOO_MANY@9.2"]);
    expect(faults(sln("SLN*1*CA:2"))).toEqual(["EDI_ELEMENT_CONDITION_MISSING@9.2"]);
    expect(faults(sln("SLN*1*XX"))).toEqual(["EDI_ELEMENT_INVALID_CODE@9.2"]);
    expect(faults(replace(0, "BEG*00:1*SA*PO-1**20250115"))).toEqual(["EDI_COMPONENTS_TOO_MANY@2.1"]);
  });

  it("counts repetitions (X12 5010 repetition separator)", () => {
    expect(faults(replace(1, "REF*DP*A^B"), "005010", "00501")).toEqual([]);
    expect(faults(replace(1, "REF*DP*A^B^C"), "005010", "00501")).toEqual([
      "EDI_ELEMENT_REPEATS_EXCEEDED@3.2",
    ]);
    expect(faults(replace(1, "REF*DP*A^" + "X".repeat(31)), "005010", "00501")).toEqual([
      "EDI_ELEMENT_TOO_LONG@3.2",
    ]);
  });

  it("gives each fault its byte offset, segment position in the input and element", () => {
    const text = x12Interchange(replace(0, "BEG*00*SA*PO-12345678901234567890X**20250115"));
    const [f] = validate(text).findings;
    expect(f).toMatchObject({ tag: "BEG", element: 3, setPosition: 2, segment: 4 });
    expect(f?.offset).toBe(text.indexOf("PO-1234"));
    expect(f?.message).toContain("BEG03 (324)");
  });

  it("finds the same faults when the input comes one byte at a time", () => {
    const text = Buffer.from(x12Interchange(replace(0, "BEG*99*SA*PO-1**20250230")), "latin1");
    const whole = validateInterchanges(text, guides).findings;
    const bytes = validateInterchanges(
      Array.from(text, (b) => Uint8Array.of(b)),
      guides,
    ).findings;
    expect(bytes).toEqual(whole);
    expect(whole.map((f) => f.code)).toEqual(["EDI_ELEMENT_INVALID_CODE", "EDI_ELEMENT_INVALID_DATE"]);
  });
});

describe("validateInterchanges: HL hierarchy", () => {
  const ship = (...hl: string[]) =>
    validate(x12Interchange([...hl, "CTT*1"], "856")).findings.map(
      (f) => `${f.code}@${f.setPosition}.${f.element}`,
    );

  it("accepts levels numbered in order whose parents come earlier", () => {
    expect(ship("HL*1**S", "HL*2*1*O", "REF*PK*1", "HL*3*2*I", "HL*4*1*O")).toEqual([]);
  });

  it("reports a level out of sequence, a parent that is not earlier, and a level code missing or wrong", () => {
    expect(ship("HL*1**S", "HL*3*1*O")).toEqual(["EDI_HL_HIERARCHY_INVALID@3.1"]);
    expect(ship("HL*1**S", "HL*2*5*O")).toEqual(["EDI_HL_HIERARCHY_INVALID@3.2"]);
    expect(ship("HL*1**S", "HL*2*1")).toEqual(["EDI_ELEMENT_MISSING@3.3", "EDI_HL_HIERARCHY_INVALID@3.3"]);
    expect(ship("HL*1**S", "HL*2*1*Z")).toEqual(["EDI_ELEMENT_INVALID_CODE@3.3"]);
  });
});

describe("validateInterchanges: nodes told apart by element values", () => {
  const byLevel = guides.with([
    loadGuide(
      {
        id: "test-x12-856-levels",
        extends: "test-x12-856",
        structure: [
          { seg: "ST", req: "M", max: 1 },
          {
            loop: "S",
            req: "M",
            max: 1,
            body: [
              { seg: "HL", req: "M", max: 1, match: { "03": ["S"] } },
              { seg: "REF", req: "M", max: 1 },
            ],
          },
          { loop: "O", req: "O", max: 9, body: [{ seg: "HL", req: "M", max: 1, match: { "03": ["O"] } }] },
          { seg: "CTT", req: "O", max: 1 },
          { seg: "SE", req: "M", max: 1 },
        ],
      },
      "levels.json",
    ),
  ]);
  const found = (...body: string[]) =>
    validate(x12Interchange([...body, "CTT*1"], "856"), byLevel).findings.map(
      (f) => `${f.code}@${f.setPosition}`,
    );

  it("opens the loop whose trigger values match (HL03), and checks that loop's own rules", () => {
    expect(found("HL*1**S", "REF*PK*1", "HL*2*1*O", "HL*3*1*O")).toEqual([]);
    expect(found("HL*1**S", "HL*2*1*O")).toEqual(["EDI_SEGMENT_MISSING@3"]);
    expect(found("HL*1**S", "REF*PK*1", "HL*2*1*I")).toEqual(["EDI_SEGMENT_UNEXPECTED@4"]);
  });
});

describe("validateInterchanges: partner guides", () => {
  const partner = loadGuide(
    {
      id: "acme-850",
      extends: "test-x12-850",
      overrides: { BEG: { elements: { "01": { codes: ["00"] }, "04": { req: "N" } } } },
    },
    "acme-850.json",
  );
  const withPartner = guides.with([partner]);

  it("layers a partner's overrides over the guide it extends, and wins for the same set and version", () => {
    const text = x12Interchange(replace(0, "BEG*05*SA*PO-1*REL*20250115"));
    expect(validate(text).findings).toEqual([]);
    const { reports, findings } = validate(text, withPartner);
    expect(findings.map((f) => `${f.code}@${f.element}`)).toEqual([
      "EDI_ELEMENT_INVALID_CODE@1",
      "EDI_ELEMENT_NOT_USED@4",
    ]);
    expect(only(reports[0]).guide).toBe("acme-850");
  });

  it("refuses a guide that extends an unknown guide, naming both", () => {
    expect(() => guides.with([loadGuide({ id: "x", extends: "nope" }, "x.json")])).toThrow(
      /guide x extends nope, which is not registered/,
    );
  });

  it("refuses malformed guide data with the file and the path inside it", () => {
    expect(() =>
      loadGuide(
        {
          id: "g",
          standard: "x12",
          versions: ["004010"],
          set: "850",
          structure: [{ seg: "ST", req: "Q", max: 1 }],
        },
        "g.json",
      ),
    ).toThrow(/g.json: structure\[0\]\.req must be one of M, O, C/);
    expect(() =>
      loadGuide({ id: "g", extends: "test-x12-850", overrides: { BEG: { syntax: ["Z0102"] } } }, "g.json"),
    ).toThrow(/overrides\.BEG\.syntax\[0\] "Z0102" is not a syntax note/);
  });
});

describe("validateInterchanges: EDIFACT", () => {
  const codes = (body: string[]) =>
    validate(edifactInterchange(body)).findings.map((f) => `${f.code}@${f.setPosition}.${f.element ?? ""}`);

  it("accepts a sound ORDERS D96A, composites and release characters included", () => {
    expect(codes(goodOrders)).toEqual([]);
    expect(codes(["BGM+220+PO?+1+9", ...goodOrders.slice(1)])).toEqual([]);
  });

  it("reports the EDIFACT faults: numeric type, code lists, missing components and segments", () => {
    expect(codes(goodOrders.map((s) => (s === "QTY+21:48" ? "QTY+21:4X8" : s)))).toEqual([
      "EDI_ELEMENT_INVALID_CHARACTER@6.1",
    ]);
    expect(codes(goodOrders.map((s) => (s === "UNS+S" ? "UNS+X" : s)))).toEqual([
      "EDI_ELEMENT_INVALID_CODE@8.1",
    ]);
    expect(codes(goodOrders.map((s) => (s === "CNT+2:1" ? "CNT+2" : s)))).toEqual([
      "EDI_ELEMENT_MISSING@9.1",
    ]);
    expect(codes(goodOrders.slice(1))).toEqual(["EDI_SEGMENT_MISSING@2."]);
  });
});

describe("guide faults in the acknowledgments", () => {
  it("997: AK3 with the segment code (AK303 is only for LS/LE loops), AK4 with position, reference, code and the bad value; set rejected", () => {
    const report = validate(x12Interchange(replace(3, "N1*ST*DC*92*0004*9", "N3*1 MAIN ST"))).reports[0];
    const ack = renderAck(render997, report as AckReport);
    expect(ack?.readBack).toEqual([]);
    expect(setBody(ack, "ST*", "SE*")).toEqual([
      "AK1*PO*101",
      "AK2*850*0001",
      "AK3*N1*5**8",
      "AK4*5**3*9",
      "AK5*R*5",
      "AK9*R*1*1*0",
    ]);
  });

  it("999: IK3 and IK4 with component positions", () => {
    const body = [...goodPo.slice(0, 7), "SLN*1*:2:3", ...goodPo.slice(7)];
    const report = validate(x12Interchange(body, "850", "005010", "00501")).reports[0];
    const ack = renderAck(render999, report as AckReport);
    expect(ack?.readBack).toEqual([]);
    expect(setBody(ack, "ST*", "SE*")).toEqual([
      "AK1*PO*101*005010",
      "AK2*850*0001",
      "IK3*SLN*9**8",
      "IK4*2:1*355*1",
      "IK5*R*5",
      "AK9*R*1*1*0",
    ]);
  });

  it("partially accepts a group with one bad and one good set", () => {
    const good = x12Interchange(goodPo);
    const twoSets = good.replace(
      "GE*1*101",
      `${["ST*850*0002", "BEG*99*SA*PO-1**20250115", ...goodPo.slice(1), `SE*${goodPo.length + 2}*0002`].join("~\n")}~\nGE*2*101`,
    );
    const { reports } = validate(twoSets);
    expect(reports[0]?.groups[0]?.status).toBe("partially_accepted");
    const ack = renderAck(render997, reports[0] as AckReport);
    expect(setBody(ack, "ST*", "SE*")).toEqual([
      "AK1*PO*101",
      "AK2*850*0001",
      "AK5*A",
      "AK2*850*0002",
      "AK3*BEG*2**8",
      "AK4*1*353*7*99",
      "AK5*R*5",
      "AK9*P*2*2*1",
    ]);
  });

  it("CONTRL: UCS and UCD with the EDIFACT syntax error codes", () => {
    const report = validate(edifactInterchange(goodOrders.map((s) => (s === "QTY+21:48" ? "QTY+21:4X8" : s))))
      .reports[0];
    const ack = renderAck((r, c, n) => renderContrl(r, c, n), report as AckReport);
    expect(ack?.readBack).toEqual([]);
    const body = setBody(ack, "UNH+", "UNT+");
    expect(body).toContain("UCS+6");
    expect(body).toContain("UCD+37+1:2");
  });
});
