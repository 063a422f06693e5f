import { describe, expect, it } from "vitest";
import { formatFileError } from "./format-file-error.js";

describe("formatFileError", () => {
  it("names code, offset, segment, tag and element", () => {
    const line = formatFileError({
      code: "EDI_SET_CONTROL_MISMATCH",
      message: "SE02 says 0002; ST02 is 0001",
      offset: 120,
      segment: 9,
      tag: "SE",
      element: 2,
    });
    expect(line).toBe(
      "error EDI_SET_CONTROL_MISMATCH at offset 120, segment 9 (SE), element 2: SE02 says 0002; ST02 is 0001",
    );
  });

  it("leaves out the parts an error does not have", () => {
    const line = formatFileError({
      code: "EDI_NO_ENVELOPE",
      message: "no interchange found",
      offset: 0,
      segment: 0,
    });
    expect(line).toBe("error EDI_NO_ENVELOPE at offset 0: no interchange found");
  });
});
