import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OpenVanError } from "../../../kernel/index.js";

/** Parses DER/BER as a CMS ContentInfo of the expected content type; AS2_CMS_INVALID otherwise. */
export function readContentInfo(der: Uint8Array, contentType: string, what: string): pkijs.ContentInfo {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) {
    throw new OpenVanError(
      "AS2_CMS_INVALID",
      `the ${what} is not DER/BER (cut off or not CMS): ${asn.result.error}`,
    );
  }
  let info: pkijs.ContentInfo;
  try {
    info = new pkijs.ContentInfo({ schema: asn.result });
  } catch (error) {
    throw new OpenVanError("AS2_CMS_INVALID", `the ${what} is not a CMS ContentInfo`, {}, { cause: error });
  }
  if (info.contentType !== contentType) {
    throw new OpenVanError(
      "AS2_CMS_INVALID",
      `the ${what} holds CMS content type ${info.contentType}; expected ${contentType}`,
    );
  }
  return info;
}

/** Runs a pkijs schema constructor, turning its exception into AS2_CMS_INVALID that names the structure. */
export function parseSchema<T>(make: () => T, what: string): T {
  try {
    return make();
  } catch (error) {
    throw new OpenVanError("AS2_CMS_INVALID", `the ${what} is not well-formed CMS`, {}, { cause: error });
  }
}
