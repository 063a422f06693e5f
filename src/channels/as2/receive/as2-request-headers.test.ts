import { describe, expect, it } from "vitest";
import { readAs2Headers } from "./as2-request-headers.js";

describe("AS2 request headers", () => {
  it("unquotes AS2 ids, strips the Message-ID's brackets and reads the MDN options", () => {
    const h = readAs2Headers({
      "as2-from": '"Acme \\"Foods\\""',
      "as2-to": "OPENVAN",
      "message-id": "<abc@x>",
      "disposition-notification-to": "edi@acme",
      "disposition-notification-options":
        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, md5, SHA256, sha1",
    });
    expect(h).toMatchObject({ from: 'Acme "Foods"', to: "OPENVAN", messageId: "abc@x" });
    expect(h.mdn).toEqual({ asyncUrl: null, signed: true, micDigest: "sha256" });
  });

  it("asks for no MDN without Disposition-Notification-To, and for an async one with Receipt-Delivery-Option", () => {
    expect(readAs2Headers({ "as2-from": "A", "as2-to": "B" }).mdn).toBeNull();
    const h = readAs2Headers({
      "disposition-notification-to": "x",
      "receipt-delivery-option": "http://p/mdn",
    });
    expect(h.mdn).toEqual({ asyncUrl: "http://p/mdn", signed: false, micDigest: null });
  });
});
