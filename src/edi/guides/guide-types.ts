/**
 * The JSON form of implementation guides, as written under `src/edi/guides/data/` and as partners send them
 * through the API. These types describe the data as it is stored; `compile-guide.ts` turns it into the
 * automata the validator runs.
 */

export type GuideStandard = "x12" | "edifact";

/**
 * Usage: Mandatory, Optional, relational (X12 X: the syntax notes say when), Conditional (EDIFACT C), and
 * Not used (N: an implementation guide forbids an element the standard allows).
 */
export type ElementRequirement = "M" | "O" | "X" | "C" | "N";

/**
 * X12 data types (AN, ID, DT, TM, R, N0..N9, B) and EDIFACT character classes (a alphabetic, n numeric,
 * an alphanumeric).
 */
export type ElementType =
  | "AN"
  | "ID"
  | "DT"
  | "TM"
  | "R"
  | "N"
  | "N0"
  | "N1"
  | "N2"
  | "N3"
  | "N4"
  | "N5"
  | "N6"
  | "N7"
  | "N8"
  | "N9"
  | "B"
  | "a"
  | "n"
  | "an";

/** A simple data element (or a component of a composite). Its position is its index in the array, from 01. */
export interface SimpleElementDef {
  readonly id: string;
  readonly name?: string;
  readonly req: ElementRequirement;
  readonly type: ElementType;
  readonly min: number;
  readonly max: number;
  /** Allowed values; absent means any value of the type. */
  readonly codes?: readonly string[];
  /** How many times the element may repeat (X12 repetition separator); 1 when absent. */
  readonly repeat?: number;
}

/** A composite data element (X12 C001.., EDIFACT C002.. / S009..). */
export interface CompositeElementDef {
  readonly id: string;
  readonly name?: string;
  readonly req: ElementRequirement;
  readonly components: readonly SimpleElementDef[];
  readonly repeat?: number;
  /** Syntax notes among the components, positions counted inside the composite. */
  readonly syntax?: readonly string[];
}

export type ElementDef = SimpleElementDef | CompositeElementDef;

/**
 * A segment definition. `syntax` holds X12 syntax notes (or EDIFACT dependency notes) in the standard form:
 * a letter P (paired), R (at least one), C (if the first, then all others), E (only one), L (if the first,
 * then at least one of the others), then two-digit element positions, e.g. "P0304", "L100405".
 */
export interface SegmentDef {
  readonly name?: string;
  readonly elements: readonly ElementDef[];
  readonly syntax?: readonly string[];
}

/** A segment dictionary: one per standard version (`x12/005010/segments.json`), or a guide's own block. */
export interface SegmentDictionary {
  readonly segments: Readonly<Record<string, SegmentDef>>;
}

/** M mandatory, O optional; C (EDIFACT "conditional") is read as optional. */
export type NodeRequirement = "M" | "O" | "C";

/** A segment in a guide's structure; `max` is its repeat count ("maximum use"). */
export interface SegmentNode {
  readonly seg: string;
  readonly req: NodeRequirement;
  readonly max: number;
  /**
   * Tells apart nodes with the same tag (HIPAA's HL loops by HL03, NM1 loops by NM101): the node takes a
   * segment only when the element at each two-digit position holds one of the listed values, e.g.
   * `{"03": ["22"]}`. On a loop's trigger it decides which loop a segment opens.
   */
  readonly match?: Readonly<Record<string, readonly string[]>>;
}

/** A loop: its first body node is the trigger segment; `max` is the loop's repeat count. */
export interface LoopNode {
  readonly loop: string;
  readonly req: NodeRequirement;
  readonly max: number;
  readonly body: readonly GuideNode[];
}

export type GuideNode = SegmentNode | LoopNode;

/** A change to one element (or component) of a segment, keyed by two-digit position ("01", "02"…). */
export interface ElementOverride {
  readonly req?: ElementRequirement;
  readonly type?: ElementType;
  readonly min?: number;
  readonly max?: number;
  readonly codes?: readonly string[];
  readonly repeat?: number;
  /** Component changes of a composite, keyed by two-digit component position. */
  readonly components?: Readonly<Record<string, ElementOverride>>;
}

/** Changes a guide makes to the definition of one segment. */
export interface SegmentOverride {
  readonly elements?: Readonly<Record<string, ElementOverride>>;
  /** Replaces the segment's syntax notes when given. */
  readonly syntax?: readonly string[];
}

/**
 * A guide for one transaction set / message. A built-in guide has `versions` and `structure`; a partner guide
 * may instead say `extends` (the id of another guide) and change it with `overrides` (and optionally a new
 * `structure` or `segments`).
 */
export interface GuideDoc {
  readonly id: string;
  readonly standard: GuideStandard;
  /**
   * X12 versions (`004010`, `005010`) or HIPAA conventions (`005010X222A1`, matched against GS08); EDIFACT
   * directories (`D96A`, `D01B`, matched against UNH S009 version+release).
   */
  readonly versions: readonly string[];
  /** ST01 / UNH S009 message type. */
  readonly set: string;
  readonly name?: string;
  /** GS01 functional identifier the set travels under (X12). */
  readonly functionalGroup?: string;
  readonly structure: readonly GuideNode[];
  /** Segment definitions that take precedence over the version dictionary for this guide. */
  readonly segments?: Readonly<Record<string, SegmentDef>>;
  readonly overrides?: Readonly<Record<string, SegmentOverride>>;
  /** The 856 HL hierarchy checks: HL01 sequential from 1, HL02 names an earlier HL, HL03 allowed. */
  readonly hl?: boolean;
  /** The id of the guide this one refines (partner guides). */
  readonly extends?: string;
}

/** A partner guide as stored: `versions`, `set`, `structure` may be inherited from the guide it extends. */
export type GuideInput = Omit<GuideDoc, "versions" | "set" | "structure" | "standard"> &
  Partial<Pick<GuideDoc, "versions" | "set" | "structure" | "standard">>;

/** A version dictionary as registered: which standard and version it describes. */
export interface DictionaryEntry {
  readonly standard: GuideStandard;
  /** `004010`, `005010`, `D96A`, `D01B`. */
  readonly version: string;
  readonly dictionary: SegmentDictionary;
}

export function isLoopNode(node: GuideNode): node is LoopNode {
  return "loop" in node;
}

export function isCompositeDef(def: ElementDef): def is CompositeElementDef {
  return "components" in def;
}
