import { OpenVanError } from "../../../kernel/index.js";

/** One header field as it came: its name, and its value unfolded and trimmed. */
export interface MimeHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * A MIME entity, byte-exact: `raw` is every byte of it (header block, blank line, body), so that a MIC or a
 * signature is computed over exactly what was sent. Line ends in the header block may be CRLF or bare LF.
 */
export interface MimeEntity {
  readonly raw: Uint8Array;
  readonly headers: readonly MimeHeader[];
  /** The body, not decoded (see decodeBody). */
  readonly body: Uint8Array;
}

/** The value of a header, by case-insensitive name; null when absent. */
export function headerValue(headers: readonly MimeHeader[], name: string): string | null {
  const key = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === key)?.value ?? null;
}

/** Splits an entity into its headers and body. An entity with no blank line is all headers (RFC 2045). */
export function parseMimeEntity(raw: Uint8Array): MimeEntity {
  const end = headerEnd(raw);
  const headerText = Buffer.from(raw.subarray(0, end.headers)).toString("latin1");
  const headers: { name: string; value: string }[] = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (line === "") continue;
    const last = headers.at(-1);
    if ((line.startsWith(" ") || line.startsWith("\t")) && last !== undefined) {
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) {
      throw new OpenVanError("AS2_MESSAGE_INVALID", `a MIME header line has no name: "${line.slice(0, 60)}"`);
    }
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { raw, headers, body: raw.subarray(end.body) };
}

/** Builds an entity from header lines and a body: CRLF after each header, a blank line, the body untouched. */
export function buildMimeEntity(headers: readonly MimeHeader[], body: Uint8Array): Uint8Array {
  const head = headers.map((h) => `${h.name}: ${h.value}\r\n`).join("");
  return Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), body]);
}

/** Where the header block ends (before its blank line) and where the body starts (after it). */
function headerEnd(raw: Uint8Array): { headers: number; body: number } {
  // A body that starts at once (no headers) begins with its blank line.
  if (raw[0] === 0x0a) return { headers: 0, body: 1 };
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { headers: 0, body: 2 };
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return { headers: i + 1, body: i + 2 };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return { headers: i + 1, body: i + 3 };
  }
  return { headers: raw.length, body: raw.length };
}

/** The body with its Content-Transfer-Encoding undone: base64 and quoted-printable decoded, others as they are. */
export function decodeBody(entity: MimeEntity): Uint8Array {
  const encoding = (headerValue(entity.headers, "content-transfer-encoding") ?? "binary").toLowerCase();
  if (encoding === "base64") return Buffer.from(Buffer.from(entity.body).toString("latin1"), "base64");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(entity.body);
  return entity.body;
}

function decodeQuotedPrintable(body: Uint8Array): Uint8Array {
  const text = Buffer.from(body)
    .toString("latin1")
    .replace(/=\r?\n/g, "");
  return Buffer.from(
    text.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  );
}

/** A Content-Type split into its lower-cased type and its parameters (names lower-cased, quotes removed). */
export interface ContentType {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseContentType(value: string | null): ContentType {
  if (value === null) return { type: "text/plain", params: {} };
  const params: Record<string, string> = {};
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const rest = semi < 0 ? "" : value.slice(semi + 1);
  const param = /\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*;?/g;
  for (const m of rest.matchAll(param)) {
    const name = (m[1] ?? "").toLowerCase();
    params[name] = m[2] === undefined ? (m[3] ?? "").trim() : m[2].replace(/\\(.)/g, "$1");
  }
  return { type, params };
}
