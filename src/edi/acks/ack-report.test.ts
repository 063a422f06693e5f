import { describe, expect, it } from "vitest";
import { reportOf } from "../../../test/support/ack-helpers.js";
import { edifact, x12 } from "../../../test/support/edi-error-cases.js";
import { type EdiError, ediError } from "../edi-error.js";
import { buildAckReport } from "./ack-report.js";
import { type AckStatus, groupStatus } from "./ack-rules.js";
import { buildAckReports } from "./build-ack-reports.js";

const gs = "GS*PO*ACME*GROC*20240315*0930*7*X*005010";
const codes = (faults: readonly EdiError[]): string[] => faults.map((f) => f.code);

describe("placing each fault at the level it concerns", () => {
  it("gives a clean interchange no faults and accepts every level", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "BEG*00*SA*1", "SE*3*0001", "GE*1*7", "IEA*1*000000101"));
    expect(r.faults).toEqual([]);
    expect(r.status).toBe("accepted");
    expect(r.groups).toMatchObject([
      {
        status: "accepted",
        declaredSets: 1,
        acceptedSets: 1,
        faults: [],
        sets: [{ status: "accepted", faults: [], segments: [] }],
      },
    ]);
  });

  it("puts trailer faults at their own level: IEA on the interchange, GE on the group, SE on the set", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "SE*9*0002", "GE*5*8", "IEA*3*000000999"));
    expect(codes(r.faults)).toEqual(["EDI_INTERCHANGE_COUNT_MISMATCH", "EDI_INTERCHANGE_CONTROL_MISMATCH"]);
    expect(codes(r.groups[0]?.faults ?? [])).toEqual([
      "EDI_GROUP_COUNT_MISMATCH",
      "EDI_GROUP_CONTROL_MISMATCH",
    ]);
    expect(codes(r.groups[0]?.sets[0]?.faults ?? [])).toEqual([
      "EDI_SET_COUNT_MISMATCH",
      "EDI_SET_CONTROL_MISMATCH",
    ]);
  });

  it("gives a header fault to the group or set that the header opens", () => {
    const r = reportOf(
      x12("GS*PO*ACME*GROC*20240315*0930**X*005010", "ST*850", "SE*2*", "GE*1*", "IEA*1*000000101"),
    );
    expect(r.faults).toEqual([]);
    expect(r.groups[0]?.faults[0]).toMatchObject({ code: "EDI_HEADER_INVALID", tag: "GS", element: 6 });
    expect(r.groups[0]?.sets[0]?.faults[0]).toMatchObject({
      code: "EDI_HEADER_INVALID",
      tag: "ST",
      element: 2,
    });
  });

  it("places a body fault on its segment, counting positions from the set header", () => {
    const r = reportOf(
      x12(gs, "ST*850*0001", "BEG*00*SA*1", "be*1", "BIN*x*abc", "SE*5*0001", "GE*1*7", "IEA*1*000000101"),
    );
    const set = r.groups[0]?.sets[0];
    expect(set?.faults).toEqual([]);
    expect(set?.segments).toMatchObject([
      { tag: "be", position: 3, errors: [{ code: "EDI_INVALID_SEGMENT_TAG" }], elements: [] },
      {
        tag: "BIN",
        position: 4,
        errors: [],
        elements: [{ element: 1, value: "x", error: { code: "EDI_BINARY_LENGTH_INVALID" } }],
      },
    ]);
    expect(set?.status).toBe("rejected");
  });

  it("reports a set without trailer on that set, and a group without trailer on that group", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "BEG*00*SA*1", "ST*850*0002", "SE*2*0002", "IEA*1*000000101"));
    const group = r.groups[0];
    expect(codes(group?.faults ?? [])).toEqual(["EDI_GROUP_TRAILER_MISSING"]);
    expect(codes(group?.sets[0]?.faults ?? [])).toEqual(["EDI_SET_TRAILER_MISSING"]);
    expect(group?.sets[1]?.faults).toEqual([]);
    expect(group?.declaredSets).toBeNull();
  });

  it("takes segments outside any set as faults of the interchange", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "SE*2*0001", "NTE*stray", "GE*1*7", "IEA*1*000000101"));
    expect(r.faults).toMatchObject([{ code: "EDI_SEGMENT_OUTSIDE_SET", tag: "NTE" }]);
    expect(r.groups[0]?.faults).toEqual([]);
    expect(r.status).toBe("rejected");
  });

  it("gives EDIFACT messages outside groups an implicit group", () => {
    const r = reportOf(edifact("UNH+1+ORDERS:D:96A:UN", "BGM+220+1", "UNT+3+1", "UNZ+1+REF1"));
    expect(r.groups).toMatchObject([
      { group: { id: null }, sets: [{ set: { id: "ORDERS" }, status: "accepted" }] },
    ]);
  });

  it("makes one report per interchange and leaves out bytes that belong to none", () => {
    const one = x12(gs, "ST*850*0001", "SE*2*0001", "GE*1*7", "IEA*1*000000101");
    const reports = buildAckReports(Buffer.from(`junk\n${one}\n${one}`, "latin1"));
    expect(reports.map((r) => r.status)).toEqual(["accepted", "accepted"]);
  });
});

describe("the status rules", () => {
  it("rejects a set with a fatal fault (a wrong SE count, AK502 4)", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "SE*9*0001", "GE*1*7", "IEA*1*000000101"));
    expect(r.groups[0]?.sets[0]?.status).toBe("rejected");
    expect(r.groups[0]?.status).toBe("rejected");
  });

  it("notes a wrong group count and accepts the group with errors", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "SE*2*0001", "GE*2*7", "IEA*1*000000101"));
    expect(r.groups[0]).toMatchObject({ status: "accepted_with_errors", declaredSets: 2, acceptedSets: 1 });
  });

  it("rejects a group whose trailer does not match its header, and counts none of its sets accepted", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "SE*2*0001", "GE*1*8", "IEA*1*000000101"));
    expect(r.groups[0]).toMatchObject({
      status: "rejected",
      acceptedSets: 0,
      sets: [{ status: "accepted" }],
    });
  });

  it("notes a wrong interchange count, rejects a wrong interchange control number", () => {
    const body = [gs, "ST*850*0001", "SE*2*0001", "GE*1*7"];
    expect(reportOf(x12(...body, "IEA*2*000000101")).status).toBe("accepted_with_errors");
    expect(reportOf(x12(...body, "IEA*1*000000102")).status).toBe("rejected");
  });

  const A: AckStatus = "accepted";
  const E: AckStatus = "accepted_with_errors";
  const R: AckStatus = "rejected";
  it.each([
    [[A, A], "accepted"],
    [[A, E], "accepted_with_errors"],
    [[A, R], "partially_accepted"],
    [[E, R], "partially_accepted"],
    [[R, R], "rejected"],
    [[], "accepted"],
  ] as const)("a group of sets %j is %s", (sets, expected) => {
    expect(groupStatus([], sets)).toBe(expected);
  });

  it("lets a judged report be built from findings that a guide validator places", () => {
    const r = reportOf(x12(gs, "ST*850*0001", "SE*2*0001", "GE*1*7", "IEA*1*000000101"));
    const group = r.groups[0];
    if (group === undefined) throw new Error("no group");
    const set = group.sets[0];
    if (set === undefined) throw new Error("no set");
    const noted = ediError("EDI_GROUP_COUNT_MISMATCH", "GE01 says 2", { offset: 0, segment: 0 });
    const judged = buildAckReport({
      interchange: r.interchange,
      faults: [],
      groups: [{ ...group, faults: [noted], sets: [set] }],
    });
    expect(judged.groups[0]?.status).toBe("accepted_with_errors");
  });
});
