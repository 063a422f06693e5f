import { describe, expect, it } from "vitest";
import { renderAck, reportOf, setBody } from "../../../test/support/ack-helpers.js";
import { x12 } from "../../../test/support/edi-error-cases.js";
import type { AckReport, SegmentFault } from "./ack-report.js";
import { render999 } from "./render-999.js";

const gs = "GS*HC*ACME*GROC*20240315*0930*7*X*005010X222A1";
const end = ["GE*1*7", "IEA*1*000000101"];

function ack999(report: AckReport): string[] {
  const ack = renderAck(render999, report);
  expect(ack?.readBack).toEqual([]);
  return ack?.segments ?? [];
}

/** The report of `text` with the segment faults of its first set changed by `change`. */
function withSegments(text: string, change: (s: SegmentFault) => SegmentFault): AckReport {
  const r = reportOf(text);
  return {
    ...r,
    groups: r.groups.map((g) => ({
      ...g,
      sets: g.sets.map((s) => ({ ...s, segments: s.segments.map(change) })),
    })),
  };
}

describe("999", () => {
  it("accepts a sound set, repeating GS08 in AK103 and ST03 in AK203, under 005010X231A1", () => {
    const segments = ack999(reportOf(x12(gs, "ST*837*0001*005010X222A1", "BHT*0019", "SE*3*0001", ...end)));
    expect(segments).toEqual([
      "ISA*00*          *00*          *ZZ*GROCERYCO      *ZZ*ACMEFOODS      *240316*0805*^*00501*000000001*0*P*>",
      "GS*FA*GROC*ACME*20240316*0805*1*X*005010X231A1",
      "ST*999*0001*005010X231A1",
      "AK1*HC*7*005010X222A1",
      "AK2*837*0001*005010X222A1",
      "IK5*A",
      "AK9*A*1*1*1",
      "SE*6*0001",
      "GE*1*1",
      "IEA*1*000000001",
    ]);
  });

  it("partially accepts, with IK3 / IK4 for the segments and elements in error", () => {
    const text = x12(
      gs,
      "ST*837*0001*005010X222A1",
      "SE*2*0001",
      "ST*837*0002*005010X222A1",
      "BIN*x*abc",
      "SE*3*0002",
      "GE*2*7",
      end[1] as string,
    );
    expect(setBody(renderAck(render999, reportOf(text)), "ST*", "SE*")).toEqual([
      "AK1*HC*7*005010X222A1",
      "AK2*837*0001*005010X222A1",
      "IK5*A",
      "AK2*837*0002*005010X222A1",
      "IK3*BIN*2**8",
      "IK4*1**6*x",
      "IK5*R*5",
      "AK9*P*2*2*1",
    ]);
  });

  it("rejects a set whose SE01 miscounts (IK502 4) and accepts with errors a group that GE01 miscounts", () => {
    const text = x12(gs, "ST*837*0001*005010X222A1", "SE*9*0001", "ST*837*0002*005010X222A1", "SE*2*0002");
    const body = setBody(renderAck(render999, reportOf(`${text}GE*3*7~IEA*1*000000101~`)), "ST*", "SE*");
    expect(body.filter((s) => /^(IK5|AK9)/.test(s))).toEqual(["IK5*R*4", "IK5*A", "AK9*P*3*2*1*5"]);
  });

  it("writes IK401 as a composite, the loop id, the element reference and CTX segments a guide supplies", () => {
    const text = x12(gs, "ST*837*0001*005010X222A1", "BIN*x*abc", "SE*3*0001", ...end);
    const report = withSegments(text, (s) => ({
      ...s,
      loopId: "2300",
      contexts: [{ name: "CLM01", reference: "PATIENT001" }],
      elements: s.elements.map((e) => ({
        ...e,
        component: 2,
        reference: "785",
        contexts: [
          {
            name: "SITUATIONAL TRIGGER",
            segment: { tag: "CLM", position: 20, loopId: "2300", element: 5, component: 3 },
          },
        ],
      })),
    }));
    expect(setBody(renderAck(render999, report), "ST*", "SE*")).toEqual([
      "AK1*HC*7*005010X222A1",
      "AK2*837*0001*005010X222A1",
      "IK3*BIN*2*2300*8",
      "CTX*CLM01>PATIENT001",
      "IK4*1>2*785*6*x",
      "CTX*SITUATIONAL TRIGGER*CLM*20*2300*5>3",
      "IK5*R*5",
      "AK9*R*1*1*0",
    ]);
  });

  it("leaves out a bad value that cannot be written back in the reply's delimiters", () => {
    const text = x12(gs, "ST*837*0001*005010X222A1", "BIN*x*abc", "SE*3*0001", ...end);
    const report = withSegments(text, (s) => ({
      ...s,
      elements: s.elements.map((e) => ({ ...e, value: "a^b" })),
    }));
    expect(setBody(renderAck(render999, report), "ST*", "SE*")).toContain("IK4*1**6");
  });

  it("never answers a functional acknowledgment group", () => {
    const fa = x12("GS*FA*ACME*GROC*20240315*0930*9*X*005010X231A1", "ST*999*0001", "SE*2*0001", "GE*1*9");
    expect(renderAck(render999, reportOf(`${fa}IEA*1*000000101~`))).toBeNull();
  });
});
