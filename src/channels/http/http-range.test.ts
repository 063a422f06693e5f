import { describe, expect, it } from "vitest";
import { parseRange } from "./http-range.js";

describe("parseRange", () => {
  it.each([
    [undefined, { kind: "whole" }],
    ["bytes=0-9", { kind: "part", start: 0, end: 10 }],
    ["bytes=90-", { kind: "part", start: 90, end: 100 }],
    ["bytes=90-500", { kind: "part", start: 90, end: 100 }],
    ["bytes=-10", { kind: "part", start: 90, end: 100 }],
    ["bytes=-500", { kind: "part", start: 0, end: 100 }],
    ["bytes=100-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=5-3", { kind: "whole" }],
    ["bytes=0-1,5-6", { kind: "whole" }],
    ["items=0-1", { kind: "whole" }],
    ["bytes=-", { kind: "whole" }],
  ])("reads %s of 100 bytes", (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });
});
