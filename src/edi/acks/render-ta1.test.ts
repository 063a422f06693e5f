import { describe, expect, it } from "vitest";
import { renderAck, reportOf } from "../../../test/support/ack-helpers.js";
import { edifact, x12, x12Isa } from "../../../test/support/edi-error-cases.js";
import { renderTa1 } from "./render-ta1.js";

const group = ["GS*PO*ACME*GROC*20240315*0930*7*X*005010", "ST*850*0001", "SE*2*0001", "GE*1*7"];
const replyIsa =
  "ISA*00*          *00*          *ZZ*GROCERYCO      *ZZ*ACMEFOODS      *240316*0805*^*00501*000000001*0*P*>";

function ta1Of(text: string): string[] {
  const ack = renderAck(renderTa1, reportOf(text));
  expect(ack?.readBack).toEqual([]);
  return ack?.segments ?? [];
}

describe("TA1", () => {
  it("accepts a sound interchange in an interchange of its own, addressed back to the sender", () => {
    expect(ta1Of(x12(...group, "IEA*1*000000101"))).toEqual([
      replyIsa,
      "TA1*000000101*240315*0930*A*000",
      "IEA*0*000000001",
    ]);
  });

  it("accepts with errors noted when IEA01 miscounts the groups (TA105 021)", () => {
    expect(ta1Of(x12(...group, "IEA*2*000000101"))[1]).toBe("TA1*000000101*240315*0930*E*021");
  });

  it("rejects when IEA02 differs from ISA13 (TA105 001), naming the fatal fault before a noted one", () => {
    expect(ta1Of(x12(...group, "IEA*2*000000102"))[1]).toBe("TA1*000000101*240315*0930*R*001");
  });

  it("rejects an interchange cut off before its IEA (TA105 023)", () => {
    expect(ta1Of(x12(...group))[1]).toBe("TA1*000000101*240315*0930*R*023");
  });

  it("notes an ISA element of the wrong width with the code of that element (ISA06: 006)", () => {
    const narrow = x12Isa.replace("ACMEFOODS      ", "ACMEFOODS     ");
    const text = narrow + [...group, "IEA*1*000000101"].map((s) => `${s}~`).join("");
    expect(ta1Of(text)[1]).toBe("TA1*000000101*240315*0930*E*006");
  });

  it("rejects stray segments between groups as invalid interchange content (TA105 024)", () => {
    expect(ta1Of(x12(...group, "NTE*stray", "IEA*1*000000101"))[1]).toBe("TA1*000000101*240315*0930*R*024");
  });

  it("keeps the test indicator and the version of a 4010 interchange (ISA11 U)", () => {
    const isa = x12Isa.replace("*^*00501*", "*U*00401*").replace("*0*P*>", "*1*T*>");
    const segments = ta1Of(isa + [...group, "IEA*1*000000101"].map((s) => `${s}~`).join(""));
    expect(segments[0]).toBe(replyIsa.replace("*^*00501*", "*U*00401*").replace("*0*P*>", "*0*T*>"));
  });

  it("never answers an interchange without functional groups, nor an EDIFACT one", () => {
    expect(
      renderAck(renderTa1, reportOf(x12("TA1*000000077*240315*0930*A*000", "IEA*0*000000101"))),
    ).toBeNull();
    expect(
      renderAck(renderTa1, reportOf(edifact("UNH+1+ORDERS:D:96A:UN", "UNT+2+1", "UNZ+1+REF1"))),
    ).toBeNull();
  });
});
