import type { ErrorCode } from "../../kernel/index.js";
import type { GuideFault } from "../acks/ack-report.js";
import type { DelimiterBytes } from "../delimiters.js";
import { ediError } from "../edi-error.js";
import type { SegmentView } from "../segment-view.js";
import { checkValue, TypeFamily, ValueFault } from "./element-types.js";
import type { ElementRule, SegmentRule, SimpleRule } from "./segment-rules.js";
import { checkSyntaxNote, type SyntaxNote } from "./syntax-notes.js";

const maxPositions = 100;

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
    const n = rules.length;
    for (let i = 1; i <= n; i++) {
      const r = rules[i - 1] as ElementRule;
      const s = i < count ? (starts[i] as number) : end;
      const e = i + 1 < count ? (starts[i + 1] as number) - 1 : end;
      const empty = s >= e;
      if (i < maxPositions) present[i] = empty ? 0 : 1;
      if (empty) {
        if (r.req === "M") this.fault("EDI_ELEMENT_MISSING", i, r, undefined, "is mandatory and missing");
        continue;
      }
      if (r.req === "N") {
        this.fault(
          "EDI_ELEMENT_NOT_USED",
          i,
          r,
          undefined,
          "is not used in this guide but is present",
          view.text(i),
        );
        continue;
      }
      if (plain && !r.composite) this.simple(buf, s, e, r, i, undefined);
      else if (view.escaped || view.fixed || view.delimiters.componentSeq.length > 1) this.unescaped(i, r);
      else this.inPlace(buf, s, e, r, i);
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
    for (let k = 0; k < notes.length; k++) this.note(notes[k] as SyntaxNote, present, undefined);
  }

  /**
   * An element with components or repetitions, read in place: repetitions and components become byte
   * ranges, checked like any simple value.
   */
  private inPlace(buf: Buffer, s: number, e: number, r: ElementRule, i: number): void {
    const d = this.view.delimiters;
    const rep = d.repetition;
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

  /** The element has release characters or line breaks: the view unescapes it; the parts are copied to scratch. */
  private unescaped(i: number, r: ElementRule): void {
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
    for (let c = 1; c <= defs; c++) {
      const cr = r.components[c - 1] as SimpleRule;
      const s = c <= n ? (cs[c - 1] as number) : 0;
      const e = c <= n ? (ce[c - 1] as number) : 0;
      const empty = e <= s;
      if (c < maxPositions) present[c] = empty ? 0 : 1;
      if (empty) {
        if (cr.req === "M")
          this.fault("EDI_ELEMENT_MISSING", i, cr, c, "is mandatory and missing", undefined, repetition);
        continue;
      }
      if (cr.req === "N") {
        this.fault(
          "EDI_ELEMENT_NOT_USED",
          i,
          cr,
          c,
          "is not used in this guide but is present",
          latin1(buf, s, e),
          repetition,
        );
        continue;
      }
      this.simple(buf, s, e, cr, i, c, repetition);
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
