import type { ErrorCode } from "../kernel/index.js";
import {
  type DelimiterBytes,
  type Delimiters,
  delimiterBytes,
  edifactDefaultDelimiters,
} from "./delimiters.js";
import { ediError } from "./edi-error.js";
import type { EdiHandler } from "./edi-handler.js";
import { edifactDialect, edifactInterchangeHeader } from "./edifact/edifact-dialect.js";
import { readServiceString } from "./edifact/service-string.js";
import type { EnvelopeDialect } from "./envelope-dialect.js";
import { EnvelopeTracker } from "./envelope-tracker.js";
import { requireElements } from "./require-elements.js";
import { SegmentView } from "./segment-view.js";
import { envelopeStartAt, findEnvelopeStart, skipFiller } from "./sniff.js";
import { detectUtf16, type Utf16Encoding, utf16ToUtf8 } from "./utf16-input.js";
import { scanBinarySegment } from "./x12/binary-segment.js";
import { readIsaHeader } from "./x12/isa-header.js";
import { x12Dialect, x12InterchangeHeader } from "./x12/x12-dialect.js";

export interface EdiReaderOptions {
  /** Keep each group's transaction sets in the Interchange passed to `interchangeEnd` (default false). */
  readonly keepSets?: boolean;
  /** A segment longer than this is reported and skipped, so that memory stays bounded (default 16 MiB). */
  readonly maxSegmentBytes?: number;
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * A streaming reader of X12 and EDIFACT over byte chunks. Feed it with `write(chunk)` in any chunk sizes
 * (a segment may be split anywhere) and call `end()` once; it calls the handler for every interchange, group,
 * set, segment and fault, in input order. Memory stays bounded by the longest segment, whatever the input size.
 */
export class EdiReader {
  /** Sized by the input: a network reads thousands of 2 KB messages a second, each with a reader of its own. */
  private acc: Buffer = Buffer.alloc(0);
  private len = 0;
  /** Absolute offset of acc[0] in the input. */
  private base = 0;
  /** Bytes of the current segment already searched for its terminator. */
  private scanned = 0;
  private position = 0;
  private delims: DelimiterBytes | null = null;
  private tracker: EnvelopeTracker | null = null;
  private dialect: EnvelopeDialect | null = null;
  private serviceString: { delimiters: Delimiters; offset: number } | null = null;
  private junkStart = -1;
  /** Offset of the last binary-segment fault reported, so that waiting for more bytes does not repeat it. */
  private binaryReported = -1;
  private discarding = false;
  private sawEnvelope = false;
  private ended = false;
  private readonly view = new SegmentView();
  /** Set once the first bytes have shown whether the input is UTF-16 (see `decode`). */
  sourceEncoding: Utf16Encoding | null = null;
  private transcode: ((chunk: Uint8Array, final: boolean) => Buffer) | null | undefined = undefined;
  private head: Buffer = Buffer.alloc(0);
  private readonly keepSets: boolean;
  private readonly maxSegmentBytes: number;

  constructor(
    private readonly handler: EdiHandler,
    options: EdiReaderOptions = {},
  ) {
    this.keepSets = options.keepSets ?? false;
    this.maxSegmentBytes = options.maxSegmentBytes ?? 16 * 1024 * 1024;
  }

  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error("EdiReader.write() after end()");
    const bytes = this.decode(chunk, false);
    if (bytes === null) return;
    this.append(bytes);
    this.process(false);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const rest = this.decode(new Uint8Array(0), true);
    if (rest !== null) this.append(rest);
    this.process(true);
    const endOffset = this.base + this.len;
    if (this.tracker !== null) {
      this.tracker.abandon(endOffset, this.position, "the input ends first");
      this.closeInterchange();
    }
    this.orphanServiceString();
    this.flushJunk(endOffset);
  }

  /**
   * EDI travels in byte encodings, but some tools save it as UTF-16. Such input is re-encoded as UTF-8 before
   * reading (`sourceEncoding` says so), and offsets then count UTF-8 bytes. Until four bytes have come, the
   * encoding is undecided and the bytes are held back.
   */
  private decode(chunk: Uint8Array, final: boolean): Uint8Array | null {
    if (this.transcode === undefined) {
      this.head =
        this.head.length === 0
          ? chunk.length >= 4
            ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
            : Buffer.from(chunk)
          : Buffer.concat([this.head, chunk]);
      if (this.head.length < 4 && !final) return null;
      const encoding = detectUtf16(this.head);
      this.sourceEncoding = encoding;
      this.transcode = encoding === null ? null : utf16ToUtf8(encoding);
      const head = this.head;
      this.head = Buffer.alloc(0);
      return this.transcode === null ? head : this.transcode(head, final);
    }
    return this.transcode === null ? chunk : this.transcode(chunk, final);
  }

  private append(chunk: Uint8Array): void {
    const need = this.len + chunk.length;
    if (need > this.acc.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.acc.length * 2, 4096));
      this.acc.copy(grown, 0, 0, this.len);
      this.acc = grown;
    }
    this.acc.set(chunk, this.len);
    this.len = need;
  }

  private process(final: boolean): void {
    const buf = this.acc.subarray(0, this.len);
    let p = 0;
    while (p < buf.length) {
      const next = this.delims === null ? this.outside(buf, p, final) : this.inside(buf, p, final);
      if (next < 0) break;
      p = next;
    }
    // Keep only the unfinished tail; it moves to the front of the buffer.
    if (p > 0) {
      this.acc.copy(this.acc, 0, p, this.len);
      this.len -= p;
      this.base += p;
    }
  }

  /** Between interchanges: skip filler, start the next interchange, or step over bytes that are not EDI. */
  private outside(buf: Buffer, p: number, final: boolean): number {
    const q = skipFiller(buf, p);
    if (q >= buf.length) return this.junkStart < 0 ? q : buf.length;
    if (buf.length - q < 4 && !final) return q === p ? -1 : q;
    const start = envelopeStartAt(buf, q);
    if (start !== null && this.junkStart >= 0) this.flushJunk(this.base + q);
    if (start === "UNA") return this.startServiceString(buf, q, final);
    if (start === "UNB") return this.startEdifact(buf, q, final);
    this.orphanServiceString();
    if (start === "ISA") return this.startX12(buf, q, final);
    return this.skipJunk(buf, q, final);
  }

  /** A UNA must be followed by its UNB; one that is not is reported and forgotten. */
  private orphanServiceString(): void {
    if (this.serviceString === null) return;
    this.fail(
      "EDI_INTERCHANGE_HEADER_MISSING",
      "the UNA service string advice is not followed by a UNB header",
      this.serviceString.offset,
      this.position,
      "UNA",
    );
    this.serviceString = null;
  }

  private skipJunk(buf: Buffer, p: number, final: boolean): number {
    if (this.junkStart < 0) this.junkStart = this.base + p;
    const found = findEnvelopeStart(buf, p + 1);
    if (found >= 0) {
      this.flushJunk(this.base + found);
      return found;
    }
    // Keep the last bytes: an envelope tag may begin there and end in the next chunk.
    return final ? buf.length : Math.max(p, buf.length - 3) === p ? -1 : Math.max(p, buf.length - 3);
  }

  private flushJunk(end: number): void {
    if (this.junkStart < 0) {
      if (!this.sawEnvelope && this.ended)
        this.fail("EDI_NO_ENVELOPE", "no X12 (ISA) or EDIFACT (UNA/UNB) interchange found", 0, 0);
      return;
    }
    const start = this.junkStart;
    this.junkStart = -1;
    if (!this.sawEnvelope && this.ended && end === this.base + this.len) {
      this.fail("EDI_NO_ENVELOPE", "no X12 (ISA) or EDIFACT (UNA/UNB) interchange found", 0, 0);
      return;
    }
    this.fail(
      "EDI_UNEXPECTED_DATA",
      `${end - start} bytes at offset ${start} are not part of any interchange`,
      start,
      0,
    );
  }

  private startX12(buf: Buffer, p: number, final: boolean): number {
    const offset = this.base + p;
    const isa = readIsaHeader(buf, p, final, offset, this.position + 1);
    if (isa.kind === "need-more") return -1;
    if (isa.kind === "invalid") {
      this.handler.error?.(isa.error);
      if (isa.error.code === "EDI_TRUNCATED") return buf.length;
      return this.skipJunk(buf, p, final);
    }
    this.position++;
    this.sawEnvelope = true;
    const header = x12InterchangeHeader(isa.elements, isa.delimiters, offset);
    this.delims = delimiterBytes(isa.delimiters);
    this.view.load(buf, p, p + isa.segmentLength, offset, this.position, this.delims);
    this.view.fixed = true;
    this.dialect = x12Dialect;
    this.view.useTagRule(x12Dialect.isValidTag);
    this.tracker = new EnvelopeTracker(x12Dialect, header, this.handler, this.keepSets, offset + isa.length);
    this.handler.interchangeStart?.(header);
    for (const w of isa.warnings) this.handler.error?.(w);
    this.handler.segment?.(this.view);
    return p + isa.length;
  }

  private startServiceString(buf: Buffer, p: number, final: boolean): number {
    const offset = this.base + p;
    const una = readServiceString(buf, p, final, offset, this.position + 1);
    if (una.kind === "need-more") return -1;
    if (una.kind === "invalid") {
      this.handler.error?.(una.error);
      return una.error.code === "EDI_TRUNCATED" ? buf.length : this.skipJunk(buf, p, final);
    }
    this.position++;
    this.sawEnvelope = true;
    this.serviceString = { delimiters: una.delimiters, offset };
    return p + una.length;
  }

  private startEdifact(buf: Buffer, p: number, final: boolean): number {
    const una = this.serviceString;
    const declared = una?.delimiters ?? edifactDefaultDelimiters;
    const bytes = delimiterBytes(declared);
    const t = findTerminator(buf, p, p, bytes);
    if (t < 0) {
      if (!final) return -1;
      this.fail(
        "EDI_TRUNCATED",
        "the input ends inside the UNB header",
        this.base + p,
        this.position + 1,
        "UNB",
      );
      this.serviceString = null;
      return buf.length;
    }
    this.position++;
    this.sawEnvelope = true;
    this.serviceString = null;
    const view = this.view;
    view.load(buf, p, t, this.base + p, this.position, bytes);
    const syntaxVersion = Number(view.component(1, 2));
    // The repetition separator exists from syntax version 4 on (`*` by default); a UNA that names one in its
    // fifth character is followed in any version.
    const repetition = una !== null ? declared.repetition : syntaxVersion >= 4 ? "*" : null;
    const delimiters: Delimiters = { ...declared, repetition };
    const headerOffset = una?.offset ?? this.base + p;
    const end = t + bytes.segment.length;
    const header = edifactInterchangeHeader(view, delimiters, una !== null, headerOffset);
    this.delims = delimiterBytes(delimiters);
    view.delimiters = this.delims;
    this.dialect = edifactDialect;
    view.useTagRule(edifactDialect.isValidTag);
    this.tracker = new EnvelopeTracker(edifactDialect, header, this.handler, this.keepSets, this.base + end);
    this.handler.interchangeStart?.(header);
    for (const e of requireElements(view, [1, 2, 3, 4, 5])) this.handler.error?.(e);
    this.handler.segment?.(view);
    return end;
  }

  /** Inside an interchange: find the next segment and hand it to the envelope tracker. */
  private inside(buf: Buffer, p: number, final: boolean): number {
    const d = this.delims as DelimiterBytes;
    const lead = buf[p];
    const start =
      lead === CR || lead === LF || lead === SPACE || lead === TAB ? skipBetweenSegments(buf, p) : p;
    if (start >= buf.length) return final || start > p ? start : -1;
    if (buf[start] === 0x42 && this.dialect !== null && this.dialect.binarySegments.size > 0) {
      const binary = this.binarySegment(buf, start, final);
      if (binary !== 0) return binary;
    }
    const view = this.view;
    // A long segment split over many chunks is checked with a native search first, so that it is scanned
    // once rather than once per chunk.
    const longWait =
      this.scanned > 4096 && findTerminator(buf, start, start + this.scanned - d.segment.length, d) < 0;
    let t = longWait ? -1 : view.scan(buf, start, buf.length, d);
    let end: number;
    /** Where the segment ends in the input, its terminator included (for byte ranges). */
    let segmentEnd: number;
    if (t >= 0) {
      end = t + d.segment.length;
      segmentEnd = end;
      this.scanned = 0;
      if (t - start > this.maxSegmentBytes && !this.discarding) {
        this.tooLong(start);
        this.discarding = true;
      }
    } else if (final) {
      // The input ends without a terminator. A complete trailer is read as it stands (some files omit the last
      // terminator); anything else is a cut-off segment, reported and left out.
      t = trimEnd(buf, start, buf.length);
      end = buf.length;
      segmentEnd = t;
      view.load(buf, start, t, this.base + start, this.position + 1, d);
      if (t > start && view.tag !== this.dialect?.interchangeTrailer) {
        this.fail(
          "EDI_TRUNCATED",
          `the input ends inside segment ${view.tag} (no segment terminator)`,
          view.offset,
          view.position,
          view.tag,
        );
        return end;
      }
    } else {
      return this.unterminated(buf, start);
    }
    if (this.discarding) {
      this.discarding = false;
      return end;
    }
    if (t === start) return end; // an empty segment carries nothing
    const first = buf[start];
    if ((first === 0x49 || first === 0x55) && envelopeStartAt(buf, start) !== null) {
      // A new interchange begins before this one's trailer.
      this.tracker?.abandon(this.base + start, this.position + 1, "another interchange header follows");
      this.closeInterchange();
      return start;
    }
    this.position++;
    view.place(this.base + start, this.position);
    if (!view.tagIsValid) {
      this.fail(
        "EDI_INVALID_SEGMENT_TAG",
        `"${view.tag}" is not a segment tag`,
        view.offset,
        view.position,
        view.tag,
      );
    }
    if (this.tracker?.segment(view, this.base + segmentEnd) === "closed") this.closeInterchange();
    return end;
  }

  /**
   * Reads a BIN/BDS segment by its length. Returns the index after it, -1 to wait for more bytes, or 0 when
   * it is not a (well-formed) binary segment and the ordinary terminator search should take over.
   */
  private binarySegment(buf: Buffer, start: number, final: boolean): number {
    const d = this.delims as DelimiterBytes;
    const dialect = this.dialect as EnvelopeDialect;
    const scan = scanBinarySegment(buf, start, d, dialect.binarySegments, final, this.maxSegmentBytes);
    if (scan.kind === "none") return 0;
    if (scan.kind === "need-more") return -1;
    if (scan.kind === "invalid") {
      const offset = this.base + scan.at;
      if (offset > this.binaryReported) {
        this.binaryReported = offset;
        this.handler.error?.(
          ediError("EDI_BINARY_LENGTH_INVALID", scan.message, {
            offset,
            segment: this.position + 1,
            tag: buf.toString("latin1", start, start + 3),
            element: scan.element,
          }),
        );
      }
      return 0;
    }
    this.position++;
    this.view.loadFixed(buf, start, scan.dataEnd, this.base + start, this.position, d, scan.starts);
    const end = scan.dataEnd + d.segment.length;
    if (this.tracker?.segment(this.view, this.base + end) === "closed") this.closeInterchange();
    return end;
  }

  private tooLong(start: number): void {
    this.fail(
      "EDI_SEGMENT_TOO_LONG",
      `a segment is longer than ${this.maxSegmentBytes} bytes; it is skipped`,
      this.base + start,
      this.position + 1,
    );
  }

  private closeInterchange(): void {
    this.tracker = null;
    this.delims = null;
    this.dialect = null;
  }

  /** No terminator yet: wait for more bytes, or skip a segment that outgrows the limit. */
  private unterminated(buf: Buffer, start: number): number {
    const pendingBytes = buf.length - start;
    if (pendingBytes <= this.maxSegmentBytes) {
      this.scanned = pendingBytes;
      return -1;
    }
    if (!this.discarding) {
      this.tooLong(start);
      this.discarding = true;
    }
    this.scanned = 0;
    // Keep a few bytes: a terminator or its release character may straddle the next chunk.
    return buf.length - 4;
  }

  private fail(code: ErrorCode, message: string, offset: number, segment: number, tag?: string): void {
    const where = tag === undefined ? { offset, segment } : { offset, segment, tag };
    this.handler.error?.(ediError(code, message, where));
  }
}

/**
 * Index of the next segment terminator at or after `from`, skipping terminators escaped by an odd number of
 * release characters (counted back to `segmentStart`); -1 when there is none yet.
 */
function findTerminator(buf: Buffer, segmentStart: number, from: number, d: DelimiterBytes): number {
  const term = d.segment;
  const single = term.length === 1 ? (term[0] as number) : -1;
  const rel = d.release;
  let i = from;
  for (;;) {
    const t = single >= 0 ? buf.indexOf(single, i) : buf.indexOf(term, i);
    if (t < 0 || rel < 0) return t;
    let k = t - 1;
    while (k >= segmentStart && buf[k] === rel) k--;
    if ((t - 1 - k) % 2 === 0) return t;
    i = t + 1;
  }
}

/** Line breaks and blanks between segments are layout, not data. */
function skipBetweenSegments(buf: Buffer, p: number): number {
  let i = p;
  while (i < buf.length) {
    const b = buf[i];
    if (b === CR || b === LF || b === SPACE || b === TAB) i++;
    else break;
  }
  return i;
}

function trimEnd(buf: Buffer, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const b = buf[e - 1];
    if (b === CR || b === LF || b === SPACE || b === TAB || b === 0 || b === 0x1a) e--;
    else break;
  }
  return e;
}
