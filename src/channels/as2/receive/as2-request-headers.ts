import { type DigestName, parseDigestName } from "../smime/algorithms.js";

/** The AS2 headers of a request (RFC 4130 section 6), read once. */
export interface As2RequestHeaders {
  readonly from: string | null;
  readonly to: string | null;
  /** Without its angle brackets. */
  readonly messageId: string | null;
  readonly version: string | null;
  /** Null when no MDN is asked for. */
  readonly mdn: MdnRequest | null;
}

export interface MdnRequest {
  /** The async MDN's URL (Receipt-Delivery-Option); null for a synchronous MDN. */
  readonly asyncUrl: string | null;
  /** A signed MDN was asked for (signed-receipt-protocol names pkcs7-signature). */
  readonly signed: boolean;
  /** The MIC digest asked for, the first of signed-receipt-micalg OpenVAN supports; null when none was named. */
  readonly micDigest: DigestName | null;
}

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

export function readAs2Headers(headers: Headers): As2RequestHeaders {
  const one = (name: string): string | null => {
    const value = headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    return typeof text === "string" && text.trim() !== "" ? text.trim() : null;
  };
  const notificationTo = one("disposition-notification-to");
  const options = one("disposition-notification-options");
  const asyncUrl = one("receipt-delivery-option");
  return {
    from: unquote(one("as2-from")),
    to: unquote(one("as2-to")),
    messageId:
      one("message-id")
        ?.replace(/^<(.*)>$/, "$1")
        .trim() ?? null,
    version: one("as2-version"),
    mdn:
      notificationTo === null && asyncUrl === null
        ? null
        : {
            asyncUrl,
            signed: options !== null && /pkcs7-signature/i.test(protocolParameter(options)),
            micDigest: micalg(options),
          },
  };
}

/** An AS2 id may be quoted (RFC 4130 section 6.2): `"Acme Foods"`. */
function unquote(value: string | null): string | null {
  if (value === null) return null;
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(value);
  return m === null ? value : (m[1] ?? "").replace(/\\(.)/g, "$1");
}

/** `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256, sha1` */
function parameter(options: string, name: string): string {
  for (const part of options.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === name) return part.slice(eq + 1);
  }
  return "";
}

function protocolParameter(options: string): string {
  return parameter(options, "signed-receipt-protocol");
}

function micalg(options: string | null): DigestName | null {
  if (options === null) return null;
  const values = parameter(options, "signed-receipt-micalg")
    .split(",")
    .map((v) => v.trim());
  for (const value of values.slice(1)) {
    const digest = parseDigestName(value);
    if (digest !== null) return digest;
  }
  return null;
}
