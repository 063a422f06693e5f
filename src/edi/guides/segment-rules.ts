import { CodeSet } from "./code-set.js";
import { TypeFamily, typeFamily } from "./element-types.js";
import {
  type ElementDef,
  type ElementOverride,
  type ElementRequirement,
  isCompositeDef,
  type SegmentDef,
  type SegmentOverride,
  type SimpleElementDef,
} from "./guide-types.js";
import { parseSyntaxNote, type SyntaxNote } from "./syntax-notes.js";

/** A simple element (or component) ready for checking. */
export interface SimpleRule {
  readonly composite: false;
  /** Data element reference number (AK402 / IK402). */
  readonly id: string;
  readonly req: ElementRequirement;
  readonly family: TypeFamily;
  readonly type: string;
  readonly min: number;
  readonly max: number;
  readonly codes: CodeSet | null;
  readonly repeat: number;
}

export interface CompositeRule {
  readonly composite: true;
  readonly id: string;
  readonly req: ElementRequirement;
  readonly components: readonly SimpleRule[];
  readonly repeat: number;
  readonly notes: readonly SyntaxNote[];
  /** The components laid out flat (indexed by component position), as a segment's elements are. */
  readonly flat: FlatElementRules;
}

export type ElementRule = SimpleRule | CompositeRule;

export interface SegmentRule {
  readonly tag: string;
  readonly elements: readonly ElementRule[];
  readonly notes: readonly SyntaxNote[];
  /**
   * The element rules laid out flat for the checker, indexed by position (1..n; 0 unused), so that the hot
   * loop reads typed arrays rather than rule objects of two shapes.
   */
  readonly flat: FlatElementRules;
}

/** Element usage as a number: optional (O, X, C), mandatory (M) or not used (N). */
export const Usage = { optional: 0, mandatory: 1, notUsed: 2 } as const;

export interface FlatElementRules {
  readonly usage: Uint8Array;
  /** 1 for a simple element, 0 for a composite. */
  readonly simple: Uint8Array;
  readonly family: Uint8Array;
  readonly min: Int32Array;
  readonly max: Int32Array;
  /** The code list of a simple element that has one and is not binary; null otherwise. */
  readonly codes: readonly (CodeSet | null)[];
  /**
   * The last position that is mandatory or named by a syntax note: an absent element after it needs no
   * look at all.
   */
  readonly tail: number;
  /** The last mandatory position (0: none). */
  readonly lastMandatory: number;
  /**
   * Per syntax note, the bit mask of its positions (bit p for position p), or 0 when a position is past 30:
   * such a note is then checked position by position.
   */
  readonly noteMasks: Int32Array;
  /** Per syntax note, its kind as a NoteKind number, and the bit of its first position. */
  readonly noteKinds: Uint8Array;
  readonly noteFirsts: Int32Array;
}

/** Syntax note kinds as numbers, for `noteHolds`. */
export const NoteKind = { P: 0, R: 1, C: 2, E: 3, L: 4 } as const;

/** Whether a note holds, from the bit mask of the positions present; only notes with a mask. */
export function noteHolds(kind: number, mask: number, present: number, first: number): boolean {
  const have = present & mask;
  switch (kind) {
    case NoteKind.P:
      return have === 0 || have === mask;
    case NoteKind.R:
      return have !== 0;
    case NoteKind.C:
      return (have & first) === 0 || have === mask;
    case NoteKind.E:
      return (have & (have - 1)) === 0;
    default: // L
      return (have & first) === 0 || (have & ~first) !== 0;
  }
}

/**
 * Applies a guide's overrides (each guide of an `extends` chain in turn) to a segment definition and
 * compiles it. `problems` collects overrides that point at nothing, which the registry test reports.
 */
export function compileSegmentRule(
  tag: string,
  def: SegmentDef,
  overrides: readonly Readonly<Record<string, SegmentOverride>>[],
  problems: string[],
): SegmentRule {
  let elements: ElementDef[] = [...def.elements];
  let syntax = def.syntax ?? [];
  for (const layer of overrides) {
    const o = layer[tag];
    if (o === undefined) continue;
    if (o.syntax !== undefined) syntax = o.syntax;
    for (const [pos, change] of Object.entries(o.elements ?? {})) {
      const i = Number(pos) - 1;
      const base = elements[i];
      if (base === undefined) {
        problems.push(`override ${tag}${pos}: ${tag} has ${elements.length} elements`);
        continue;
      }
      elements = elements.map((e, k) => (k === i ? applyOverride(e, change, `${tag}${pos}`, problems) : e));
    }
  }
  const notes = syntax.map(parseSyntaxNote);
  for (const n of notes)
    for (const p of n.positions)
      if (p < 1 || p > elements.length) problems.push(`syntax note ${n.text} of ${tag} names position ${p}`);
  const compiled = elements.map(compileElement);
  return { tag, elements: compiled, notes, flat: flatten(compiled, notes) };
}

function flatten(rules: readonly ElementRule[], notes: readonly SyntaxNote[]): FlatElementRules {
  const n = rules.length;
  const usage = new Uint8Array(n + 1);
  const simple = new Uint8Array(n + 1);
  const family = new Uint8Array(n + 1);
  const min = new Int32Array(n + 1);
  const max = new Int32Array(n + 1);
  const codes: (CodeSet | null)[] = new Array<CodeSet | null>(n + 1).fill(null);
  let tail = 0;
  for (let i = 1; i <= n; i++) {
    const r = rules[i - 1] as ElementRule;
    usage[i] = r.req === "M" ? Usage.mandatory : r.req === "N" ? Usage.notUsed : Usage.optional;
    if (r.req === "M") tail = i;
    if (r.composite) continue;
    simple[i] = 1;
    family[i] = r.family;
    min[i] = r.min;
    max[i] = r.max;
    codes[i] = r.family === TypeFamily.binary ? null : r.codes;
  }
  const lastMandatory = tail;
  for (const note of notes) for (const p of note.positions) if (p <= n && p > tail) tail = p;
  const noteMasks = new Int32Array(notes.length);
  const noteKinds = new Uint8Array(notes.length);
  const noteFirsts = new Int32Array(notes.length);
  notes.forEach((note, k) => {
    noteKinds[k] = NoteKind[note.kind];
    noteFirsts[k] = 1 << ((note.positions[0] ?? 0) & 31);
    let mask = 0;
    for (const p of note.positions) {
      if (p < 1 || p > 30 || p > n) {
        mask = 0;
        break;
      }
      mask |= 1 << p;
    }
    // A note that names a position twice is left to the position-by-position check.
    if (new Set(note.positions).size !== note.positions.length) mask = 0;
    noteMasks[k] = mask;
  });
  return { usage, simple, family, min, max, codes, tail, lastMandatory, noteMasks, noteKinds, noteFirsts };
}

function applyOverride(e: ElementDef, o: ElementOverride, where: string, problems: string[]): ElementDef {
  const { components, ...own } = o;
  if (!isCompositeDef(e)) {
    if (components !== undefined) problems.push(`override ${where}: not a composite`);
    return { ...e, ...own };
  }
  const parts = e.components.map((c, k) => {
    const change = components?.[String(k + 1).padStart(2, "0")];
    return change === undefined ? c : ({ ...c, ...withoutComponents(change) } as SimpleElementDef);
  });
  for (const pos of Object.keys(components ?? {}))
    if (Number(pos) < 1 || Number(pos) > e.components.length)
      problems.push(`override ${where}-${pos}: the composite has ${e.components.length} components`);
  return {
    ...e,
    ...(own.req === undefined ? {} : { req: own.req }),
    ...(own.repeat === undefined ? {} : { repeat: own.repeat }),
    components: parts,
  };
}

function withoutComponents(o: ElementOverride): Omit<ElementOverride, "components"> {
  const { components: _, ...rest } = o;
  return rest;
}

function compileElement(e: ElementDef): ElementRule {
  if (isCompositeDef(e)) {
    const components = e.components.map(compileSimple);
    const notes = (e.syntax ?? []).map(parseSyntaxNote);
    return {
      composite: true,
      id: e.id,
      req: e.req,
      components,
      repeat: e.repeat ?? 1,
      notes,
      flat: flatten(components, notes),
    };
  }
  return compileSimple(e);
}

function compileSimple(e: SimpleElementDef): SimpleRule {
  return {
    composite: false,
    id: e.id,
    req: e.req,
    family: typeFamily(e.type),
    type: e.type,
    min: e.min,
    max: e.max,
    codes: e.codes === undefined ? null : new CodeSet(e.codes),
    repeat: e.repeat ?? 1,
  };
}
