import { CodeSet } from "./code-set.js";
import { type TypeFamily, typeFamily } from "./element-types.js";
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
}

export type ElementRule = SimpleRule | CompositeRule;

export interface SegmentRule {
  readonly tag: string;
  readonly elements: readonly ElementRule[];
  readonly notes: readonly SyntaxNote[];
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
  return { tag, elements: elements.map(compileElement), notes };
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
    return {
      composite: true,
      id: e.id,
      req: e.req,
      components: e.components.map(compileSimple),
      repeat: e.repeat ?? 1,
      notes: (e.syntax ?? []).map(parseSyntaxNote),
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
