import { describe, expect, it } from "vitest";
import { splitMultipart } from "./multipart.js";
import { splitMultipartSigned } from "./multipart-signed.js";

describe("multipart split, byte-exact", () => {
  it("gives each part without the line break that belongs to the next delimiter", () => {
    const body = Buffer.from(
      "preamble\r\n--b\r\npart one ends in LF\n\r\n--b\r\nsecond\r\n--b--\r\nepilogue",
    );
    const parts = splitMultipart(body, "b").map((p) => Buffer.from(p).toString());
    expect(parts).toEqual(["part one ends in LF\n", "second"]);
  });

  it("reads bare-LF delimiters too, and ignores a boundary that is not at the start of a line", () => {
    const body = Buffer.from("--b\ncontent with --b inside\n--b\nx\n--b--\n");
    expect(splitMultipart(body, "b").map((p) => Buffer.from(p).toString())).toEqual([
      "content with --b inside",
      "x",
    ]);
  });

  it("refuses a body cut off before its closing delimiter", () => {
    expect(() => splitMultipart(Buffer.from("--b\r\nsigned\r\n--b\r\nsig"), "b")).toThrow(
      expect.objectContaining({ code: "AS2_MESSAGE_INVALID" }),
    );
  });

  it("wants exactly two parts in multipart/signed, and decodes the base64 signature", () => {
    const sig = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]);
    const body = Buffer.from(
      `--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n${sig.toString("base64")}\r\n--x--\r\n`,
    );
    const parts = splitMultipartSigned(
      body,
      'multipart/signed; protocol="application/pkcs7-signature"; boundary="x"',
    );
    expect(Buffer.from(parts.signed).toString()).toBe("Content-Type: text/plain\r\n\r\nhi");
    expect(Buffer.from(parts.signature).equals(sig)).toBe(true);
    expect(() => splitMultipartSigned(body, "multipart/signed")).toThrow(
      expect.objectContaining({ code: "AS2_MESSAGE_INVALID" }),
    );
  });
});
