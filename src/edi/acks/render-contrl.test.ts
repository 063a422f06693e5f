import { describe, expect, it } from "vitest";
import { ackNow, renderAck, reportOf, setBody } from "../../../test/support/ack-helpers.js";
import { edifact, x12 } from "../../../test/support/edi-error-cases.js";
import { sequentialControlNumbers } from "../control-numbers.js";
import { ediError } from "../edi-error.js";
import { writeInterchange } from "../edi-writer.js";
import { readEdi } from "../read-edi.js";
import type { AckReport } from "./ack-report.js";
import { renderContrl } from "./render-contrl.js";

const orders = ["UNH+1+ORDERS:D:96A:UN", "BGM+220+PO1", "UNT+3+1"];

function contrl(report: AckReport): string[] {
  const ack = renderAck(renderContrl, report);
  expect(ack?.readBack).toEqual([]);
  return setBody(ack, "UNH+", "UNT+");
}

describe("CONTRL", () => {
  it("acknowledges a sound syntax 3 interchange: UCI and UCM with action 7, addressed back to the sender", () => {
    const ack = renderAck(renderContrl, reportOf(edifact(...orders, "UNZ+1+REF1")));
    expect(ack?.readBack).toEqual([]);
    expect(ack?.segments).toEqual([
      "UNA:+.? ",
      "UNB+UNOC:3+RECEIVER:14+SENDER:14+240316:0805+1",
      "UNH+1+CONTRL:D:3:UN",
      "UCI+REF1+SENDER:14+RECEIVER:14+7",
      "UCM+1+ORDERS:D:96A:UN+7",
      "UNT+4+1",
      "UNZ+1+1",
    ]);
  });

  it("answers syntax 4 in syntax 4, with the CONTRL message of version 4 release 1", () => {
    const text =
      "UNB+UNOC:4+SENDER:14+RECEIVER:14+20240315:0930+REF1'UNH+1+ORDERS:D:01B:UN'UNT+2+1'UNZ+1+REF1'";
    const ack = renderAck(renderContrl, reportOf(text));
    expect(ack?.readBack).toEqual([]);
    expect(ack?.segments.slice(0, 3)).toEqual([
      "UNB+UNOC:4+RECEIVER:14+SENDER:14+240316:0805+1",
      "UNH+1+CONTRL:4:1:UN",
      "UCI+REF1+SENDER:14+RECEIVER:14+7",
    ]);
  });

  it("rejects a message whose UNT01 miscounts its segments (29 at UNT element 1)", () => {
    const report = reportOf(edifact("UNH+1+ORDERS:D:96A:UN", "BGM+220+PO1", "UNT+9+1", "UNZ+1+REF1"));
    expect(contrl(report)).toEqual(["UCI+REF1+SENDER:14+RECEIVER:14+7", "UCM+1+ORDERS:D:96A:UN+4+29+UNT+1"]);
  });

  it("rejects a message whose UNT02 differs from UNH01 (28 at UNT element 2)", () => {
    const report = reportOf(edifact("UNH+1+ORDERS:D:96A:UN", "UNT+2+2", "UNZ+1+REF1"));
    expect(contrl(report)[1]).toBe("UCM+1+ORDERS:D:96A:UN+4+28+UNT+2");
  });

  it("rejects a message without UNT as missing (13) and acknowledges the next one", () => {
    const report = reportOf(
      edifact(
        "UNH+1+ORDERS:D:96A:UN",
        "BGM+220+PO1",
        ...orders.map((s) => s.replace("+1", "+2")),
        "UNZ+2+REF1",
      ),
    );
    expect(contrl(report).slice(1)).toEqual(["UCM+1+ORDERS:D:96A:UN+4+13", "UCM+2+ORDERS:D:96A:UN+7"]);
  });

  it("acknowledges an interchange whose UNZ01 miscounts, noting 29 at UNZ element 1", () => {
    expect(contrl(reportOf(edifact(...orders, "UNZ+2+REF1")))).toEqual([
      "UCI+REF1+SENDER:14+RECEIVER:14+7+29+UNZ+1",
      "UCM+1+ORDERS:D:96A:UN+7",
    ]);
  });

  it("rejects an interchange whose UNZ02 differs (28), listing below it only what is itself rejected", () => {
    const report = reportOf(edifact(...orders, "UNH+2+ORDERS:D:96A:UN", "UNT+9+2", "UNZ+2+REF2"));
    expect(contrl(report)).toEqual([
      "UCI+REF1+SENDER:14+RECEIVER:14+4+28+UNZ+2",
      "UCM+2+ORDERS:D:96A:UN+4+29+UNT+1",
    ]);
  });

  it("answers each group with UCF, noting a UNE01 that miscounts", () => {
    const report = reportOf(
      edifact("UNG+ORDERS+SHOP+WAREHOUSE+240315:0930+9+UN+D:96A", ...orders, "UNE+2+9", "UNZ+1+REF1"),
    );
    expect(contrl(report)).toEqual([
      "UCI+REF1+SENDER:14+RECEIVER:14+7",
      "UCF+9+SHOP+WAREHOUSE+7+29+UNE+1",
      "UCM+1+ORDERS:D:96A:UN+7",
    ]);
  });

  it("gives each segment in error a UCS (UNH counting 1) and each element in error a UCD", () => {
    const report = reportOf(
      edifact("UNH+1+ORDERS:D:96A:UN", "BGM+220+PO1", "bgm+1", "UNT+4+1", "UNZ+1+REF1"),
    );
    const element = ediError("EDI_HEADER_INVALID", "a component is missing", {
      offset: 0,
      segment: 4,
      element: 3,
    });
    const withElement: AckReport = {
      ...report,
      groups: report.groups.map((g) => ({
        ...g,
        sets: g.sets.map((s) => ({
          ...s,
          segments: [
            ...s.segments,
            { tag: "DTM", position: 3, errors: [], elements: [{ element: 3, component: 2, error: element }] },
          ],
        })),
      })),
    };
    expect(contrl(withElement)).toEqual([
      "UCI+REF1+SENDER:14+RECEIVER:14+7",
      "UCM+1+ORDERS:D:96A:UN+4",
      "UCS+3+14",
      "UCS+3",
      "UCD+13+3:2",
    ]);
  });

  it("only confirms receipt (action 8) when asked to", () => {
    const report = reportOf(edifact("UNH+1+ORDERS:D:96A:UN", "UNT+9+1", "UNZ+1+REF1"));
    const json = renderContrl(report, sequentialControlNumbers(), ackNow, { receiptOnly: true });
    if (json === null) throw new Error("no CONTRL");
    const bytes = writeInterchange(json);
    expect(readEdi(bytes).errors).toEqual([]);
    expect(json.segments.map((s) => s[0])).toEqual(["UNB", "UNH", "UCI", "UNT", "UNZ"]);
    expect(json.segments[2]).toEqual(["UCI", "REF1", ["SENDER", "14"], ["RECEIVER", "14"], "8"]);
  });

  it("never answers a CONTRL: an interchange of CONTRLs gets none, and CONTRLs among other messages are left out", () => {
    const control = ["UNH+7+CONTRL:D:3:UN", "UCI+X+A+B+7", "UNT+3+7"];
    expect(renderAck(renderContrl, reportOf(edifact(...control, "UNZ+1+REF1")))).toBeNull();
    const mixed = contrl(reportOf(edifact(...control, ...orders, "UNZ+2+REF1")));
    expect(mixed.slice(1)).toEqual(["UCM+1+ORDERS:D:96A:UN+7"]);
  });

  it("does not answer X12", () => {
    const text = x12("GS*PO*A*B*20240315*0930*7*X*005010", "ST*850*1", "SE*2*1", "GE*1*7", "IEA*1*000000101");
    expect(renderAck(renderContrl, reportOf(text))).toBeNull();
  });
});
