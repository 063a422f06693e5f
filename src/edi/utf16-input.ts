export type Utf16Encoding = "utf-16le" | "utf-16be";

/**
 * Recognises UTF-16 text from its first four bytes: a byte-order mark, or ASCII letters interleaved with NUL
 * bytes. Returns null for byte encodings (ASCII, Latin-1, UTF-8), which is what EDI normally is.
 */
export function detectUtf16(head: Uint8Array): Utf16Encoding | null {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return "utf-16le";
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return "utf-16be";
  return null;
}

/** Re-encodes a UTF-16 stream as UTF-8, chunk by chunk (a character may be split between chunks). */
export function utf16ToUtf8(encoding: Utf16Encoding): (chunk: Uint8Array, final: boolean) => Buffer {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return (chunk, final) => Buffer.from(decoder.decode(chunk, { stream: !final }), "utf8");
}
