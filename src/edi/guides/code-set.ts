/**
 * A code list that answers "is this value listed?" straight from the bytes: codes of up to four bytes (most
 * X12 and EDIFACT codes) are packed into one number, so the hot path builds no string.
 */
export class CodeSet {
  private readonly short = new Set<number>();
  private readonly long = new Set<string>();
  readonly size: number;

  constructor(codes: readonly string[]) {
    for (const c of codes) {
      const b = Buffer.from(c, "latin1");
      if (b.length <= 4) this.short.add(pack(b, 0, b.length));
      else this.long.add(c);
    }
    this.size = codes.length;
  }

  has(buf: Uint8Array, s: number, e: number): boolean {
    const len = e - s;
    if (len <= 4) return this.short.has(pack(buf, s, e));
    return (
      this.long.size > 0 && this.long.has(Buffer.from(buf.buffer, buf.byteOffset + s, len).toString("latin1"))
    );
  }
}

/** Up to four bytes and the length, in one number (the length keeps "A" apart from "A\0"). */
function pack(buf: Uint8Array, s: number, e: number): number {
  let v = e - s;
  for (let i = s; i < e; i++) v = v * 256 + (buf[i] as number);
  return v;
}
