import { ByteClass, type DelimiterBytes } from "./delimiters.js";
import type { ElementValue } from "./edi-json.js";

const CR = 0x0d;
const LF = 0x0a;
const maxElements = 4096;
/** Element starts a view holds before it grows: enough for nearly every segment of real EDI. */
const initialElements = 64;
const tagSlots = 1024;

/**
 * Tags repeat endlessly, so plain tags of up to three bytes are decoded once and kept in a small
 * direct-mapped cache keyed by their bytes, with their validity under one tag rule. One cache per rule,
 * shared by every view (a network makes a reader, and a view, per message).
 */
interface TagCache {
  readonly keys: Int32Array;
  readonly names: string[];
  readonly valid: Uint8Array;
}

const tagCaches = new WeakMap<(tag: string) => boolean, TagCache>();

function tagCacheFor(rule: (tag: string) => boolean): TagCache {
  let cache = tagCaches.get(rule);
  if (cache === undefined) {
    cache = {
      keys: new Int32Array(tagSlots).fill(-1),
      names: new Array<string>(tagSlots).fill(""),
      valid: new Uint8Array(tagSlots),
    };
    tagCaches.set(rule, cache);
  }
  return cache;
}

const anyTag = (): boolean => true;

/**
 * One segment, read in place: element boundaries are offsets into the reader's buffer, and text is decoded
 * only when asked for. A view is reused for the next segment, so it is valid only inside the callback that
 * receives it; `toJson()` copies it out.
 */
export class SegmentView {
  /** The buffer the segment lies in, and its bounds there (terminator excluded). */
  buffer: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  /** Absolute byte offset of the segment in the input. */
  offset = 0;
  /** 1-based position of the segment in the input. */
  position = 0;
  /** Whether the segment contains a release character or line breaks, which decoding must remove. */
  escaped = false;
  /** True for the X12 ISA segment, whose elements are never split into components or repetitions. */
  fixed = false;
  delimiters!: DelimiterBytes;
  /**
   * starts[i] is the buffer index of element i (0 = the tag); `count` entries are in use. The array is
   * replaced by a larger one when a segment has more elements than it holds: read it anew for each segment.
   */
  starts: Int32Array = new Int32Array(initialElements);
  count = 0;
  private cachedTag: string | null = null;
  private tagRule: (tag: string) => boolean = anyTag;
  private cachedValid = true;
  private tags: TagCache = tagCacheFor(anyTag);
  private splitCache: { i: number; encoding: BufferEncoding; parts: string[][] } | null = null;

  /** Points the view at `[start, end)` of `buffer`, a segment whose end is known, and finds its elements. */
  load(
    buffer: Buffer,
    start: number,
    end: number,
    offset: number,
    position: number,
    d: DelimiterBytes,
  ): void {
    this.scan(buffer, start, end, d, true);
    this.end = end;
    this.place(offset, position);
  }

  /**
   * Reads a segment from `start`: records element boundaries and stops at the segment terminator, whose
   * index it returns (-1 when `limit` comes first; the view is then not usable). One pass over the bytes does
   * both jobs, which for the short segments of EDI is much cheaper than a native search per segment.
   * With `toLimit` the terminator is not looked for (the caller knows where the segment ends).
   */
  scan(buffer: Buffer, start: number, limit: number, d: DelimiterBytes, toLimit = false): number {
    this.reset(buffer, start, d, false);
    let starts = this.starts;
    const classes = d.classes;
    const termSeq = d.segment;
    let n = 1;
    let escaped = false;
    starts[0] = start;
    for (let i = start; i < limit; i++) {
      const c = classes[buffer[i] as number];
      if (c === ByteClass.data) continue;
      if (c === ByteClass.element) {
        if (n < starts.length) starts[n++] = i + 1;
        else if (n < maxElements) {
          starts = this.#grow();
          starts[n++] = i + 1;
        }
      } else if (c === ByteClass.terminator) {
        if (toLimit || (termSeq.length > 1 && !matchesAt(buffer, i, termSeq))) continue;
        this.count = n;
        this.escaped = escaped;
        this.end = i;
        return i;
      } else if (c === ByteClass.release) {
        escaped = true;
        i = skipLineBreaks(buffer, i + 1, limit);
      } else {
        escaped = true;
      }
    }
    this.count = n;
    this.escaped = escaped;
    this.end = limit;
    return -1;
  }

  /** Doubles the room for element starts (up to `maxElements`), keeping those found. */
  #grow(): Int32Array {
    const grown = new Int32Array(Math.min(maxElements, this.starts.length * 2));
    grown.set(this.starts);
    this.starts = grown;
    return grown;
  }

  /** Points the view at a new segment and forgets what was decoded of the last one. */
  private reset(buffer: Buffer, start: number, d: DelimiterBytes, fixed: boolean): void {
    this.buffer = buffer;
    this.start = start;
    this.delimiters = d;
    this.fixed = fixed;
    this.cachedTag = null;
    this.splitCache = null;
  }

  /** Sets where the segment stands in the input. */
  place(offset: number, position: number): void {
    this.offset = offset;
    this.position = position;
  }

  /**
   * Points the view at a binary segment whose element starts are already known (the last element is raw
   * data that may hold delimiters, so it is not scanned).
   */
  loadFixed(
    buffer: Buffer,
    start: number,
    end: number,
    offset: number,
    position: number,
    d: DelimiterBytes,
    starts: readonly number[],
  ): void {
    this.reset(buffer, start, d, true);
    this.end = end;
    this.escaped = false;
    this.place(offset, position);
    while (this.starts.length < Math.min(starts.length, maxElements)) this.#grow();
    starts.forEach((s, i) => {
      if (i < this.starts.length) this.starts[i] = s;
    });
    this.count = starts.length;
  }

  /** The segment tag, e.g. `ST` or `UNH`. */
  get tag(): string {
    if (this.cachedTag === null) this.cachedTag = this.readTag();
    return this.cachedTag;
  }

  /** Decodes the tag, through the tag cache of the current rule where it is plain. */
  private readTag(): string {
    const s = this.start;
    const e = this.count > 1 ? (this.starts[1] as number) - 1 : this.end;
    const len = e - s;
    const buf = this.buffer;
    const rel = this.delimiters.release;
    if (len < 1 || len > 3 || (this.escaped && hasAny(buf, s, e, rel))) {
      const tag = this.text(0).trim();
      this.cachedValid = this.tagRule(tag);
      return tag;
    }
    const b0 = buf[s] as number;
    const key =
      len === 1
        ? b0
        : len === 2
          ? (b0 << 8) | (buf[s + 1] as number)
          : (b0 << 16) | ((buf[s + 1] as number) << 8) | (buf[s + 2] as number);
    const slot = (key ^ (key >>> 11)) & (tagSlots - 1);
    const tags = this.tags;
    if (tags.keys[slot] === key) {
      this.cachedValid = tags.valid[slot] === 1;
      return tags.names[slot] as string;
    }
    const tag = buf.toString("latin1", s, e).trim();
    const valid = this.tagRule(tag);
    tags.keys[slot] = key;
    tags.names[slot] = tag;
    tags.valid[slot] = valid ? 1 : 0;
    this.cachedValid = valid;
    return tag;
  }

  /** Whether the tag is well-formed under the rule set with `useTagRule`. */
  get tagIsValid(): boolean {
    if (this.cachedTag === null) this.cachedTag = this.readTag();
    return this.cachedValid;
  }

  /** Sets the rule that decides whether a tag is well-formed (it differs between X12 and EDIFACT). */
  useTagRule(rule: (tag: string) => boolean): void {
    if (rule === this.tagRule) return;
    this.tagRule = rule;
    this.tags = tagCacheFor(rule);
  }

  /** Number of elements after the tag. */
  get elementCount(): number {
    return this.count - 1;
  }

  /** Bytes of the segment as written, terminator excluded. */
  raw(): Buffer {
    return this.buffer.subarray(this.start, this.end);
  }

  /** Buffer bounds of element `i` (0 = tag), as written. */
  private bounds(i: number): [number, number] {
    const s = this.starts[i] ?? this.end;
    const e = i + 1 < this.count ? (this.starts[i + 1] as number) - 1 : this.end;
    return [s, e];
  }

  /** Absolute byte offset of element `i` (1-based; 0 = tag). */
  elementOffset(i: number): number {
    return this.offset + (i < this.count ? (this.starts[i] as number) : this.end) - this.start;
  }

  /**
   * Element `i` (1-based) as text, release characters and line breaks removed, components and repetitions
   * not split. An absent element is "".
   */
  text(i: number, encoding: BufferEncoding = "latin1"): string {
    if (i >= this.count) return "";
    const [s, e] = this.bounds(i);
    if (!this.escaped) return this.buffer.toString(encoding, s, e);
    return this.unescape(s, e, -1, -1)[0]?.[0] ?? "";
  }

  /** Component `c` (1-based) of element `i`, unescaped; "" when absent. Only the first repetition is looked at. */
  component(i: number, c: number): string {
    if (i >= this.count) return "";
    return this.parts(i, "latin1")[0]?.[c - 1] ?? "";
  }

  /** A fixed element's text: as written, but for line breaks of a hard-wrapped header (binary data has none). */
  private fixedText(s: number, e: number, encoding: BufferEncoding): string {
    const text = this.buffer.toString(encoding, s, e);
    return this.escaped ? text.replace(/[\r\n]/g, "") : text;
  }

  /** Element `i` split into repetitions of components; the last split is kept, as headers ask for several parts. */
  private parts(i: number, encoding: BufferEncoding): string[][] {
    const cache = this.splitCache;
    if (cache !== null && cache.i === i && cache.encoding === encoding) return cache.parts;
    const [s, e] = this.bounds(i);
    const parts = this.fixed
      ? [[this.fixedText(s, e, encoding)]]
      : this.split(s, e, this.delimiters, encoding);
    this.splitCache = { i, encoding, parts };
    return parts;
  }

  /** Element `i` in the lossless JSON form: a string, an array of components, or `{repeats: [...]}`. */
  value(i: number, encoding: BufferEncoding = "latin1"): ElementValue {
    if (i >= this.count) return "";
    const reps = this.parts(i, encoding);
    const shaped = reps.map((comps) => (comps.length === 1 ? (comps[0] as string) : comps));
    if (shaped.length === 1) return shaped[0] as string | string[];
    return { repeats: shaped };
  }

  /** The whole segment in the lossless JSON form: `[tag, element1, element2, …]`. */
  toJson(encoding: BufferEncoding = "latin1"): [string, ...ElementValue[]] {
    const out: [string, ...ElementValue[]] = [this.tag];
    for (let i = 1; i < this.count; i++) out.push(this.value(i, encoding));
    return out;
  }

  private split(s: number, e: number, d: DelimiterBytes, encoding: BufferEncoding): string[][] {
    if (!this.escaped) {
      const buf = this.buffer;
      let plain = true;
      for (let i = s; i < e; i++) {
        const b = buf[i];
        if (b === d.component || b === d.repetition) {
          plain = false;
          break;
        }
      }
      if (plain) return [[buf.toString(encoding, s, e)]];
    }
    return this.unescape(s, e, d.component, d.repetition, encoding);
  }

  /**
   * Splits `[s, e)` into repetitions of components, dropping line breaks and release characters. Runs of
   * plain bytes are decoded in one go; bytes are copied only around what must be dropped.
   */
  private unescape(
    s: number,
    e: number,
    comp: number,
    rep: number,
    encoding: BufferEncoding = "latin1",
  ): string[][] {
    const buf = this.buffer;
    const rel = this.delimiters.release;
    const compSeq = this.delimiters.componentSeq;
    const reps: string[][] = [];
    let comps: string[] = [];
    let runStart = s;
    let pieces: Buffer[] | null = null;
    const flush = (end: number): void => {
      if (pieces === null) {
        comps.push(buf.toString(encoding, runStart, end));
      } else {
        pieces.push(buf.subarray(runStart, end));
        comps.push(Buffer.concat(pieces).toString(encoding));
        pieces = null;
      }
    };
    for (let i = s; i < e; i++) {
      const b = buf[i] as number;
      if (b === rel && i + 1 < e) {
        pieces ??= [];
        pieces.push(buf.subarray(runStart, i));
        // In hard-wrapped files a line break may fall between the release character and what it escapes.
        i = skipLineBreaks(buf, i + 1, e - 1);
        runStart = i;
      } else if (b === CR || b === LF) {
        // Line breaks inside a segment come from hard-wrapped files; they are not data.
        pieces ??= [];
        pieces.push(buf.subarray(runStart, i));
        runStart = i + 1;
      } else if (b === comp && matchesAt(buf, i, compSeq)) {
        flush(i);
        i += compSeq.length - 1;
        runStart = i + 1;
      } else if (b === rep) {
        flush(i);
        reps.push(comps);
        comps = [];
        runStart = i + 1;
      }
    }
    flush(e);
    reps.push(comps);
    return reps;
  }
}

/** Whether `[s, e)` holds the release character or a line break. */
function hasAny(buf: Buffer, s: number, e: number, rel: number): boolean {
  for (let i = s; i < e; i++) {
    const b = buf[i];
    if (b === rel || b === LF || b === CR) return true;
  }
  return false;
}

function matchesAt(buf: Buffer, at: number, seq: Buffer): boolean {
  for (let k = 1; k < seq.length; k++) if (buf[at + k] !== seq[k]) return false;
  return true;
}

function skipLineBreaks(buf: Buffer, from: number, limit: number): number {
  let i = from;
  while (i < limit && (buf[i] === LF || buf[i] === CR)) i++;
  return i;
}
