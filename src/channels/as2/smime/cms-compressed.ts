import { deflateSync, inflateSync } from "node:zlib";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OpenVanError } from "../../../kernel/index.js";
import { oids } from "./algorithms.js";
import { readContentInfo } from "./content-info.js";

/** CMS CompressedData (RFC 3274, as RFC 5402 uses it in AS2): zlib, the content encapsulated. DER. */
export function compress(content: Uint8Array): Uint8Array {
  const compressed = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new pkijs.AlgorithmIdentifier({ algorithmId: oids.zlib }).toSchema(),
      // EncapsulatedContentInfo by hand: pkijs would cut eContent into a constructed (BER) OCTET STRING, which
      // DER-only readers refuse (pyas2lib's asn1crypto: "method should have been primitive"). One primitive one.
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: oids.data }),
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 0 },
            value: [new asn1js.OctetString({ valueHex: deflateSync(content) })],
          }),
        ],
      }),
    ],
  });
  const info = new pkijs.ContentInfo({ contentType: oids.compressedData, content: compressed });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** Inflates a CompressedData; refuses output larger than `maxBytes` (a small body may inflate enormously). */
export function decompress(der: Uint8Array, maxBytes: number): Uint8Array {
  const info = readContentInfo(der, oids.compressedData, "compressed part");
  const fields = info.content instanceof asn1js.Sequence ? info.content.valueBlock.value : [];
  const algorithm = fields[1];
  const encap = fields[2];
  if (algorithm === undefined || encap === undefined) {
    throw new OpenVanError("AS2_CMS_INVALID", "the CompressedData lacks its algorithm or content");
  }
  const algorithmId = new pkijs.AlgorithmIdentifier({ schema: algorithm }).algorithmId;
  if (algorithmId !== oids.zlib) {
    throw new OpenVanError(
      "AS2_DECOMPRESSION_FAILED",
      `the compression algorithm ${algorithmId} is not zlib`,
    );
  }
  const content = new pkijs.EncapsulatedContentInfo({ schema: encap }).eContent;
  if (content === undefined) throw new OpenVanError("AS2_CMS_INVALID", "the CompressedData has no content");
  const bytes = octets(content);
  try {
    return inflateSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new OpenVanError(
      "AS2_DECOMPRESSION_FAILED",
      `the compressed content does not inflate (corrupt, or larger than ${maxBytes} bytes)`,
      {},
      { cause: error },
    );
  }
}

/** The bytes of an OCTET STRING, primitive or constructed (BER chunks). */
function octets(value: asn1js.OctetString): Uint8Array {
  if (!value.idBlock.isConstructed) return value.valueBlock.valueHexView;
  return Buffer.concat(
    value.valueBlock.value.map((chunk) =>
      chunk instanceof asn1js.OctetString ? octets(chunk) : new Uint8Array(),
    ),
  );
}
