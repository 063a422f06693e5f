import { describe, expect, it } from "vitest";
import { type RenderedAck, renderAck, reportOf, setBody } from "../../../test/support/ack-helpers.js";
import { edifact, x12, x12Isa } from "../../../test/support/edi-error-cases.js";
import { render997 } from "./render-997.js";

const gs = "GS*PO*ACME*GROC*20240315*0930*7*X*005010";
const end = ["GE*1*7", "IEA*1*000000101"];

function ack997(text: string): RenderedAck | null {
  const ack = renderAck(render997, reportOf(text));
  expect(ack?.readBack ?? []).toEqual([]);
  return ack;
}

/** AK1 to AK9 of the 997 answering `segments` (after the ISA). */
function body(...segments: string[]): string[] {
  return setBody(ack997(x12(...segments)), "ST*", "SE*");
}

describe("997", () => {
  it("accepts a sound group: the whole interchange, addressed back to the sender", () => {
    const ack = ack997(x12(gs, "ST*850*0001", "BEG*00*SA*1", "SE*3*0001", ...end));
    expect(ack?.segments).toEqual([
      "ISA*00*          *00*          *ZZ*GROCERYCO      *ZZ*ACMEFOODS      *240316*0805*^*00501*000000001*0*P*>",
      "GS*FA*GROC*ACME*20240316*0805*1*X*005010",
      "ST*997*0001",
      "AK1*PO*7",
      "AK2*850*0001",
      "AK5*A",
      "AK9*A*1*1*1",
      "SE*6*0001",
      "GE*1*1",
      "IEA*1*000000001",
    ]);
  });

  it("accepts with errors a group whose GE01 miscounts its sets (AK905 5)", () => {
    expect(body(gs, "ST*850*0001", "SE*2*0001", "GE*2*7", "IEA*1*000000101")).toEqual([
      "AK1*PO*7",
      "AK2*850*0001",
      "AK5*A",
      "AK9*E*2*1*1*5",
    ]);
  });

  it("partially accepts a group with one set whose SE01 miscounts its segments (AK502 4)", () => {
    expect(
      body(
        gs,
        "ST*850*0001",
        "SE*2*0001",
        "ST*850*0002",
        "BEG*00*SA*1",
        "SE*9*0002",
        "GE*2*7",
        end[1] as string,
      ),
    ).toEqual(["AK1*PO*7", "AK2*850*0001", "AK5*A", "AK2*850*0002", "AK5*R*4", "AK9*P*2*2*1"]);
  });

  it("rejects a group whose only set has SE02 unlike ST02 (AK502 3)", () => {
    expect(body(gs, "ST*850*0001", "SE*2*0002", ...end)).toEqual([
      "AK1*PO*7",
      "AK2*850*0001",
      "AK5*R*3",
      "AK9*R*1*1*0",
    ]);
  });

  it("rejects a set without SE (AK502 2) and accepts the next one", () => {
    expect(
      body(gs, "ST*850*0001", "BEG*00*SA*1", "ST*850*0002", "SE*2*0002", "GE*2*7", end[1] as string),
    ).toEqual(["AK1*PO*7", "AK2*850*0001", "AK5*R*2", "AK2*850*0002", "AK5*A", "AK9*P*2*2*1"]);
  });

  it("rejects a group whose GE02 differs from GS06 (AK905 4), though its sets are sound", () => {
    expect(body(gs, "ST*850*0001", "SE*2*0001", "GE*1*8", end[1] as string)).toEqual([
      "AK1*PO*7",
      "AK2*850*0001",
      "AK5*A",
      "AK9*R*1*1*0*4",
    ]);
  });

  it("rejects a group without GE (AK905 3), counting the sets that arrived", () => {
    expect(body(gs, "ST*850*0001", "SE*2*0001", "IEA*1*000000101")).toEqual([
      "AK1*PO*7",
      "AK2*850*0001",
      "AK5*A",
      "AK9*R*1*1*0*3",
    ]);
  });

  it("notes segments in error with AK3 and their elements with AK4, copying the bad value", () => {
    expect(body(gs, "ST*850*0001", "BEG*00*SA*1", "be*1", "BIN*x*abc", "SE*5*0001", ...end)).toEqual([
      "AK1*PO*7",
      "AK2*850*0001",
      "AK3*be*3**1",
      "AK3*BIN*4**8",
      "AK4*1**6*x",
      "AK5*R*5",
      "AK9*R*1*1*0",
    ]);
  });

  it("writes the 997 in the version family of the group and the ISA version of the interchange", () => {
    const isa = x12Isa.replace("*^*00501*", "*U*00401*");
    const text = `${isa}GS*HC*ACME*GROC*20240315*0930*2*X*004010X098A1~ST*837*0001~SE*2*0001~GE*1*2~IEA*1*000000101~`;
    const segments = ack997(text)?.segments ?? [];
    expect(segments[0]).toContain("*U*00401*");
    expect(segments[1]).toBe("GS*FA*GROC*ACME*20240316*0805*1*X*004010");
  });

  it("answers each group with an FA group of its own, with control numbers in sequence", () => {
    const second = "GS*IN*ACME*GROC*20240315*0930*8*X*005010";
    const ack = ack997(
      x12(
        gs,
        "ST*850*0001",
        "SE*2*0001",
        "GE*1*7",
        second,
        "ST*810*0001",
        "SE*2*0001",
        "GE*1*8",
        "IEA*2*000000101",
      ),
    );
    expect(ack?.segments.filter((s) => /^(GS|ST|AK1|GE)\*/.test(s))).toEqual([
      "GS*FA*GROC*ACME*20240316*0805*1*X*005010",
      "ST*997*0001",
      "AK1*PO*7",
      "GE*1*1",
      "GS*FA*GROC*ACME*20240316*0805*2*X*005010",
      "ST*997*0002",
      "AK1*IN*8",
      "GE*1*2",
    ]);
  });

  it("never answers a functional acknowledgment group, nor EDIFACT", () => {
    const fa = [
      "GS*FA*ACME*GROC*20240315*0930*9*X*005010",
      "ST*997*0001",
      "AK1*PO*1",
      "AK9*A*1*1*1",
      "SE*4*0001",
    ];
    expect(ack997(x12(...fa, "GE*1*9", "IEA*1*000000101"))).toBeNull();
    const mixed = ack997(x12(...fa, "GE*1*9", gs, "ST*850*0001", "SE*2*0001", "GE*1*7", "IEA*2*000000101"));
    expect(mixed?.segments.filter((s) => s.startsWith("AK1"))).toEqual(["AK1*PO*7"]);
    expect(
      renderAck(render997, reportOf(edifact("UNH+1+ORDERS:D:96A:UN", "UNT+2+1", "UNZ+1+REF1"))),
    ).toBeNull();
  });
});
