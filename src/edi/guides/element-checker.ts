import type { ErrorCode } from "../../kernel/index.js";
import type { GuideFault } from "../acks/ack-report.js";
import type { DelimiterBytes } from "../delimiters.js";
import { ediError } from "../edi-error.js";
import type { SegmentView } from "../segment-view.js";
import type { CodeSet } from "./code-set.js";
import { checkValue, TypeFamily, ValueFault } from "./element-types.js";
import {
  type ElementRule,
  type FlatElementRules,
  noteHolds,
  type SegmentRule,
  type SimpleRule,
  Usage,
} from "./segment-rules.js";
import { checkSyntaxNote, type SyntaxNote } from "./syntax-notes.js";

const maxPositions = 100;
const CR = 0x0d;
const LF = 0x0a;

function skipLineBreaks(buf: Uint8Array, from: number, limit: number): number {
  let i = from;
  while (i < limit && (buf[i] === LF || buf[i] === CR)) i++;
  return i;
}

/**
 * Checks the elements of one segment against its rule: usage, repeats, components, data types, lengths, code
 * lists and syntax notes. Values are read in place from the reader's buffer; strings are made only for
 * faults, and for segments that hold release characters, components or repetitions.
 */
export class ElementChecker {
  private readonly present = new Uint8Array(maxPositions);
  private readonly componentPresent = new Uint8Array(maxPositions);
  private readonly length = new Int32Array(1);
  private readonly compStart = new Int32Array(maxPositions);
  private readonly compEnd = new Int32Array(maxPositions);
  private view!: SegmentView;
  /** Where the segment being checked stands, for the faults' positions. */
  private setPosition = 0;
  private loopId: string | null = null;
  private scratch: Buffer = Buffer.alloc(256);
  private readonly separators = new SeparatorFinder();

  constructor(private readonly emit: (fault: GuideFault) => void) {}

  check(view: SegmentView, rule: SegmentRule, setPosition: number, loopId: string | null): void {
    this.view = view;
    this.setPosition = setPosition;
    this.loopId = loopId;
    const rules = rule.elements;
    const count = view.count;
    const starts = view.starts;
    const end = view.end;
    const buf = view.buffer;
    const present = this.present;
    const plain = !view.escaped && !view.fixed && !this.separators.inSegment(view);
    // Elements of a segment that holds separators are read in place; a simple one without any is still plain.
    const inPlace = !plain && !view.escaped && !view.fixed && view.delimiters.componentSeq.length === 1;
    const comp = view.delimiters.component;
    const rep = view.delimiters.repetition;
    const flat = rule.flat;
    const usage = flat.usage;
    const n = rules.length;
    // Positions that hold something (or an empty element before a later one), then the absent tail.
    const written = Math.min(count - 1, n);
    // Bit p set: element p (p <= 30) holds a value; syntax notes are checked on it.
    let mask = 0;
    for (let i = 1; i <= written; i++) {
      const s = starts[i] as number;
      const e = i + 1 < count ? (starts[i + 1] as number) - 1 : end;
      if (s < e && i <= 30) mask |= 1 << i;
      if (s >= e) {
        if (i < maxPositions) present[i] = 0;
        if (usage[i] === Usage.mandatory)
          this.fault(
            "EDI_ELEMENT_MISSING",
            i,
            rules[i - 1] as ElementRule,
            undefined,
            "is mandatory and missing",
          );
        continue;
      }
      if (i < maxPositions) present[i] = 1;
      if (usage[i] === Usage.notUsed) {
        this.fault(
          "EDI_ELEMENT_NOT_USED",
          i,
          rules[i - 1] as ElementRule,
          undefined,
          "is not used in this guide but is present",
          view.text(i),
        );
        continue;
      }
      if (flat.simple[i] === 1 && (plain || (inPlace && !hasSeparator(buf, s, e, comp, rep))))
        this.flatSimple(buf, s, e, flat, rules, i);
      else {
        const r = rules[i - 1] as ElementRule;
        if (plain && !r.composite) this.simple(buf, s, e, r, i, undefined);
        else if (view.escaped || view.fixed || view.delimiters.componentSeq.length > 1) this.unescaped(i, r);
        else this.inPlace(buf, s, e, r, i);
      }
    }
    const lastMandatory = flat.lastMandatory;
    for (let i = written + 1; i <= lastMandatory; i++) {
      if (usage[i] === Usage.mandatory)
        this.fault(
          "EDI_ELEMENT_MISSING",
          i,
          rules[i - 1] as ElementRule,
          undefined,
          "is mandatory and missing",
        );
    }
    for (let i = n + 1; i < count; i++) {
      const s = starts[i] as number;
      const e = i + 1 < count ? (starts[i + 1] as number) - 1 : end;
      if (e > s) {
        this.fault(
          "EDI_ELEMENT_TOO_MANY",
          i,
          null,
          undefined,
          `is beyond the ${n} elements of ${view.tag}`,
          view.text(i),
        );
        break;
      }
    }
    const notes = rule.notes;
    if (notes.length === 0) return;
    const masks = flat.noteMasks;
    const kinds = flat.noteKinds;
    const firsts = flat.noteFirsts;
    let cleared = false;
    for (let k = 0; k < notes.length; k++) {
      const m = masks[k] as number;
      if (m !== 0 && noteHolds(kinds[k] as number, m, mask, firsts[k] as number)) continue;
      const note = notes[k] as SyntaxNote;
      if (!cleared) {
        // The absent positions after the last element read are marked only when a note needs the detail.
        const tail = flat.tail;
        for (let i = written + 1; i <= tail && i < maxPositions; i++) present[i] = 0;
        cleared = true;
      }
      this.note(note, present, undefined);
    }
  }

  /**
   * An element with components or repetitions, read in place: repetitions and components become byte
   * ranges, checked like any simple value.
   */
  private inPlace(buf: Buffer, s: number, e: number, r: ElementRule, i: number): void {
    const d = this.view.delimiters;
    const rep = d.repetition;
    if (rep < 0 && r.repeat >= 1) {
      // No repetition separator in this interchange: one repetition, the whole element.
      this.repetition(buf, s, e, r, i, undefined);
      return;
    }
    let reps = 0;
    let rs = s;
    for (let k = s; k <= e; k++) {
      if (k < e && buf[k] !== rep) continue;
      reps++;
      if (reps > r.repeat) {
        this.fault(
          "EDI_ELEMENT_REPEATS_EXCEEDED",
          i,
          r,
          undefined,
          `repeats more than ${r.repeat} times`,
          undefined,
          reps,
        );
        return;
      }
      this.repetition(buf, rs, k, r, i, reps > 1 || k < e ? reps : undefined);
      rs = k + 1;
    }
  }

  /** One repetition `[s, e)` of an element: split into components at the component separator. */
  private repetition(
    buf: Buffer,
    s: number,
    e: number,
    r: ElementRule,
    i: number,
    repetition: number | undefined,
  ): void {
    const comp = this.view.delimiters.component;
    const cs = this.compStart;
    const ce = this.compEnd;
    let n = 0;
    let from = s;
    for (let k = s; k <= e; k++) {
      if (k < e && buf[k] !== comp) continue;
      if (n < maxPositions) {
        cs[n] = from;
        ce[n] = k;
        n++;
      }
      from = k + 1;
    }
    this.components(buf, n, r, i, repetition);
  }

  /**
   * The element has (or its segment has) release characters or line breaks: its bytes are copied to scratch
   * without them, one repetition at a time, and split into components there, as the view would unescape it
   * (no strings are made).
   */
  private unescaped(i: number, r: ElementRule): void {
    const view = this.view;
    const d = view.delimiters;
    if (view.fixed || d.componentSeq.length > 1) {
      this.unescapedText(i, r);
      return;
    }
    const buf = view.buffer;
    const s = view.starts[i] as number;
    const e = i + 1 < view.count ? (view.starts[i + 1] as number) - 1 : view.end;
    const rel = d.release;
    const comp = d.component;
    const rep = d.repetition;
    let reps = 1;
    for (let k = s; k < e; k++) {
      const b = buf[k] as number;
      if (b === rel && k + 1 < e) k = skipLineBreaks(buf, k + 1, e - 1);
      else if (b === rep && b !== CR && b !== LF && b !== comp) reps++;
    }
    if (reps > r.repeat) {
      this.fault(
        "EDI_ELEMENT_REPEATS_EXCEEDED",
        i,
        r,
        undefined,
        `repeats ${reps} times, more than ${r.repeat}`,
      );
      return;
    }
    if (this.scratch.length < e - s) this.scratch = Buffer.alloc((e - s) * 2);
    const out = this.scratch;
    const cs = this.compStart;
    const ce = this.compEnd;
    let repetition = 0;
    let at = 0;
    let n = 0;
    cs[0] = 0;
    for (let k = s; k <= e; k++) {
      const b = k < e ? (buf[k] as number) : -2;
      if (b === rel && k + 1 < e) {
        // In hard-wrapped files a line break may fall between the release character and what it escapes.
        k = skipLineBreaks(buf, k + 1, e - 1);
        out[at++] = buf[k] as number;
      } else if (b === CR || b === LF) {
        // Line breaks inside a segment come from hard-wrapped files; they are not data.
      } else if (b === comp) {
        if (n < maxPositions) ce[n] = at;
        n++;
        if (n < maxPositions) cs[n] = at;
      } else if (b === rep || b === -2) {
        if (n < maxPositions) ce[n] = at;
        n++;
        repetition++;
        this.components(out, Math.min(n, maxPositions), r, i, reps > 1 ? repetition : undefined);
        at = 0;
        n = 0;
        cs[0] = 0;
      } else {
        out[at++] = b;
      }
    }
  }

  /** `unescaped` for the rare header and multi-byte separators: the view unescapes it to text. */
  private unescapedText(i: number, r: ElementRule): void {
    const value = this.view.value(i);
    const reps = typeof value === "string" || Array.isArray(value) ? [value] : value.repeats;
    if (reps.length > r.repeat) {
      this.fault(
        "EDI_ELEMENT_REPEATS_EXCEEDED",
        i,
        r,
        undefined,
        `repeats ${reps.length} times, more than ${r.repeat}`,
      );
      return;
    }
    reps.forEach((rep, k) => {
      const comps = typeof rep === "string" ? [rep] : rep;
      const total = comps.reduce((t, c) => t + Buffer.byteLength(c, "latin1"), 0);
      if (this.scratch.length < total) this.scratch = Buffer.alloc(total * 2);
      let at = 0;
      const n = Math.min(comps.length, maxPositions);
      for (let c = 0; c < n; c++) {
        this.compStart[c] = at;
        at += this.scratch.write(comps[c] as string, at, "latin1");
        this.compEnd[c] = at;
      }
      this.components(this.scratch, n, r, i, reps.length > 1 ? k + 1 : undefined);
    });
  }

  /** Checks `n` component ranges (compStart/compEnd into `buf`) of one repetition of element `i`. */
  private components(
    buf: Buffer,
    n: number,
    r: ElementRule,
    i: number,
    repetition: number | undefined,
  ): void {
    const cs = this.compStart;
    const ce = this.compEnd;
    if (!r.composite) {
      for (let c = 1; c < n; c++) {
        if ((ce[c] as number) > (cs[c] as number)) {
          this.fault(
            "EDI_COMPONENTS_TOO_MANY",
            i,
            r,
            c + 1,
            "is a simple element but has components",
            latin1(buf, cs[c] as number, ce[c] as number),
            repetition,
          );
          return;
        }
      }
      const s0 = cs[0] as number;
      const e0 = ce[0] as number;
      if (e0 === s0) {
        if (r.req === "M")
          this.fault(
            "EDI_ELEMENT_MISSING",
            i,
            r,
            undefined,
            "is mandatory and missing",
            undefined,
            repetition,
          );
        return;
      }
      this.simple(buf, s0, e0, r, i, undefined, repetition);
      return;
    }
    let any = false;
    for (let c = 0; c < n; c++) if ((ce[c] as number) > (cs[c] as number)) any = true;
    if (!any) {
      if (r.req === "M")
        this.fault("EDI_ELEMENT_MISSING", i, r, undefined, "is mandatory and missing", undefined, repetition);
      return;
    }
    const present = this.componentPresent;
    const defs = r.components.length;
    const flat = r.flat;
    const usage = flat.usage;
    for (let c = 1; c <= defs; c++) {
      const s = c <= n ? (cs[c - 1] as number) : 0;
      const e = c <= n ? (ce[c - 1] as number) : 0;
      const empty = e <= s;
      if (c < maxPositions) present[c] = empty ? 0 : 1;
      if (empty) {
        if (usage[c] === Usage.mandatory)
          this.fault(
            "EDI_ELEMENT_MISSING",
            i,
            r.components[c - 1] as SimpleRule,
            c,
            "is mandatory and missing",
            undefined,
            repetition,
          );
        continue;
      }
      if (usage[c] === Usage.notUsed) {
        this.fault(
          "EDI_ELEMENT_NOT_USED",
          i,
          r.components[c - 1] as SimpleRule,
          c,
          "is not used in this guide but is present",
          latin1(buf, s, e),
          repetition,
        );
        continue;
      }
      if (!this.flatHolds(buf, s, e, flat, c))
        this.simple(buf, s, e, r.components[c - 1] as SimpleRule, i, c, repetition);
    }
    for (let c = defs + 1; c <= n; c++) {
      if ((ce[c - 1] as number) > (cs[c - 1] as number)) {
        this.fault(
          "EDI_COMPONENTS_TOO_MANY",
          i,
          r,
          c,
          `is beyond the ${defs} components of ${r.id}`,
          latin1(buf, cs[c - 1] as number, ce[c - 1] as number),
          repetition,
        );
        break;
      }
    }
    for (const note of r.notes) this.note(note, present, i);
  }

  /**
   * The common case of `simple`: a plain simple element, its rule read from the flat arrays; any fault is
   * reported by `simple` itself, from the rule object.
   */
  private flatSimple(
    buf: Uint8Array,
    s: number,
    e: number,
    flat: FlatElementRules,
    rules: readonly ElementRule[],
    i: number,
  ): void {
    if (!this.flatHolds(buf, s, e, flat, i)) this.simple(buf, s, e, rules[i - 1] as SimpleRule, i, undefined);
  }

  /** Whether the simple value `buf[s, e)` meets rule `k` of `flat` (form, length, code); faults are `simple`'s. */
  private flatHolds(buf: Uint8Array, s: number, e: number, flat: FlatElementRules, k: number): boolean {
    const out = this.length;
    if (checkValue(buf, s, e, flat.family[k] as TypeFamily, out) !== ValueFault.none) return false;
    const len = out[0] as number;
    if (len < (flat.min[k] as number) || len > (flat.max[k] as number)) return false;
    const codes = flat.codes[k] as CodeSet | null;
    return codes === null || codes.has(buf, s, e);
  }

  /** A simple value in `buf[s, e)`: its characters, its length, its code. */
  private simple(
    buf: Uint8Array,
    s: number,
    e: number,
    r: SimpleRule,
    i: number,
    c: number | undefined,
    repetition?: number,
  ): void {
    const form = checkValue(buf, s, e, r.family, this.length);
    if (form !== ValueFault.none) {
      const value = latin1(buf, s, e);
      if (form === ValueFault.date)
        this.fault(
          "EDI_ELEMENT_INVALID_DATE",
          i,
          r,
          c,
          "is not a calendar date (CCYYMMDD or YYMMDD)",
          value,
          repetition,
        );
      else if (form === ValueFault.time)
        this.fault(
          "EDI_ELEMENT_INVALID_TIME",
          i,
          r,
          c,
          "is not a time of day (HHMM[SS[d..]])",
          value,
          repetition,
        );
      else
        this.fault(
          "EDI_ELEMENT_INVALID_CHARACTER",
          i,
          r,
          c,
          `has a character its type ${r.type} does not allow`,
          value,
          repetition,
        );
      return;
    }
    const len = this.length[0] as number;
    if (len < r.min) {
      this.fault(
        "EDI_ELEMENT_TOO_SHORT",
        i,
        r,
        c,
        `has ${len} characters, fewer than ${r.min}`,
        latin1(buf, s, e),
        repetition,
      );
      return;
    }
    if (len > r.max) {
      this.fault(
        "EDI_ELEMENT_TOO_LONG",
        i,
        r,
        c,
        `has ${len} characters, more than ${r.max}`,
        latin1(buf, s, e),
        repetition,
      );
      return;
    }
    if (r.codes !== null && r.family !== TypeFamily.binary && !r.codes.has(buf, s, e)) {
      this.fault(
        "EDI_ELEMENT_INVALID_CODE",
        i,
        r,
        c,
        `is not one of the ${r.codes.size} codes allowed`,
        latin1(buf, s, e),
        repetition,
      );
    }
  }

  private note(note: SyntaxNote, present: Uint8Array, composite: number | undefined): void {
    const breach = checkSyntaxNote(note, present);
    if (breach === null) return;
    const at = breach.position;
    const code: ErrorCode =
      breach.kind === "excluded" ? "EDI_ELEMENT_EXCLUSION_VIOLATED" : "EDI_ELEMENT_CONDITION_MISSING";
    const what = breach.kind === "excluded" ? "must not be present" : "is required";
    const element = composite ?? at;
    const component = composite === undefined ? undefined : at;
    this.fault(
      code,
      element,
      null,
      component,
      `${what} by syntax note ${note.text}`,
      breach.kind === "excluded" ? text(this.view, element) : undefined,
    );
  }

  private fault(
    code: ErrorCode,
    element: number,
    rule: ElementRule | null,
    component: number | undefined,
    what: string,
    value?: string,
    repetition?: number,
  ): void {
    const view = this.view;
    const name = `${view.tag}${pad(element)}${component === undefined ? "" : `-${pad(component)}`}`;
    const ref = rule === null ? "" : ` (${rule.id})`;
    const shown = value === undefined ? "" : ` "${value}"`;
    const rep = repetition === undefined ? "" : ` repetition ${repetition}`;
    const error = ediError(code, `${name}${ref}${rep}${shown} ${what}`, {
      offset: view.elementOffset(Math.min(element, view.count)),
      segment: view.position,
      tag: view.tag,
      element,
      setPosition: this.setPosition,
    });
    this.emit({
      error,
      ...(this.loopId === null ? {} : { loopId: this.loopId }),
      ...(component === undefined ? {} : { component }),
      ...(repetition === undefined ? {} : { repetition }),
      ...(rule === null ? {} : { reference: rule.id }),
      ...(value === undefined ? {} : { value }),
    });
  }
}

/** Whether `buf[s, e)` holds the component or the repetition separator. */
function hasSeparator(buf: Uint8Array, s: number, e: number, comp: number, rep: number): boolean {
  for (let k = s; k < e; k++) {
    const b = buf[k] as number;
    if (b === comp || b === rep) return true;
  }
  return false;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function text(view: SegmentView, i: number): string {
  return view.text(i);
}

function latin1(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("latin1");
}

/**
 * Finds whether segments hold a component or repetition separator with a native search instead of a byte loop
 * per segment: the next occurrence of each separator is remembered by its absolute offset in the input, so
 * that the bytes of a file are searched about once, however its chunks fall.
 */
class SeparatorFinder {
  private delimiters: DelimiterBytes | null = null;
  private readonly next = [-1, -1];
  private readonly searchedTo = [-1, -1];

  inSegment(view: SegmentView): boolean {
    const d = view.delimiters;
    if (d !== this.delimiters) {
      this.delimiters = d;
      this.next.fill(-1);
      this.searchedTo.fill(-1);
    }
    return this.has(view, 0, d.component) || (d.repetition >= 0 && this.has(view, 1, d.repetition));
  }

  private has(view: SegmentView, k: number, byte: number): boolean {
    const start = view.offset;
    const end = start + (view.end - view.start);
    const next = this.next[k] as number;
    if (next >= start) return next < end;
    if (next < 0 && (this.searchedTo[k] as number) >= end) return false;
    const buf = view.buffer;
    const at = buf.indexOf(byte, view.start);
    const base = view.offset - view.start;
    this.next[k] = at < 0 ? -1 : base + at;
    this.searchedTo[k] = base + buf.length;
    return at >= 0 && base + at < end;
  }
}
