import { OpenVanError } from "../../../kernel/index.js";

/** The parts of a multipart body, each without the line break that ends it before the next delimiter. */
export function splitMultipart(bytes: Uint8Array, boundary: string): Uint8Array[] {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dash = Buffer.from(`--${boundary}`, "latin1");
  const parts: Uint8Array[] = [];
  let start = -1;
  let at = 0;
  for (;;) {
    const hit = findDelimiter(body, dash, at);
    if (hit === null) {
      throw new OpenVanError(
        "AS2_MESSAGE_INVALID",
        `the multipart body has no closing delimiter --${boundary}-- (cut off?)`,
      );
    }
    if (start >= 0) parts.push(body.subarray(start, hit.lineStart));
    const after = hit.index + dash.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts;
    // The rest of the delimiter line (transport padding) and its line break.
    const eol = body.indexOf(0x0a, after);
    if (eol < 0) throw new OpenVanError("AS2_MESSAGE_INVALID", "a multipart delimiter line does not end");
    start = eol + 1;
    at = start;
  }
}

/** The next `--boundary` at the start of a line, with where its preceding line break starts. */
function findDelimiter(
  body: Buffer,
  dash: Buffer,
  from: number,
): { index: number; lineStart: number } | null {
  let at = from;
  for (;;) {
    const index = body.indexOf(dash, at);
    if (index < 0) return null;
    if (index === 0) return { index, lineStart: 0 };
    if (body[index - 1] === 0x0a) {
      const lineStart = index >= 2 && body[index - 2] === 0x0d ? index - 2 : index - 1;
      return { index, lineStart };
    }
    at = index + 1;
  }
}

/** Builds a multipart body from whole parts, CRLF line breaks, under a boundary that none of them contains. */
export function joinParts(parts: readonly Uint8Array[], boundary: string, preamble = ""): Buffer {
  const chunks: Buffer[] = [Buffer.from(preamble, "latin1")];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`, "latin1"), Buffer.from(part), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, "latin1"));
  return Buffer.concat(chunks);
}
