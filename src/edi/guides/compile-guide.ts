import { CodeSet } from "./code-set.js";
import type { GuideNode, GuideStandard, SegmentDef, SegmentDictionary } from "./guide-types.js";
import { isLoopNode } from "./guide-types.js";
import type { ResolvedGuide } from "./resolve-guide.js";
import { compileSegmentRule, type SegmentRule } from "./segment-rules.js";

/** One place in a loop's body: a segment, or a nested loop entered by its trigger segment. */
export interface CompiledNode {
  /** The segment's tag, or the loop's trigger tag. */
  readonly tag: string;
  readonly mandatory: boolean;
  readonly max: number;
  /** The nested loop, for loop nodes. */
  readonly loop: CompiledLoop | null;
  /** The rule of the segment (of the trigger, for a loop); null when no definition is known. */
  readonly rule: SegmentRule | null;
  /** Element values the segment must hold for this node to take it (see SegmentNode.match); null: any. */
  readonly match: readonly ValueMatch[] | null;
}

export interface ValueMatch {
  /** 1-based element position. */
  readonly element: number;
  readonly values: CodeSet;
}

export interface CompiledLoop {
  /** Loop id (`N1`, `2000A`, `SG2`); null for the set's top level. */
  readonly id: string | null;
  /** Index among all loops of the guide, for per-loop state kept by the validator. */
  readonly index: number;
  readonly children: readonly CompiledNode[];
  /** For each tag, the child indexes it can match, ascending. */
  readonly byTag: ReadonlyMap<string, Int32Array>;
  /** The same indexed by the guide's tag number (CompiledGuide.tagIds): one array read per open loop. */
  readonly byTagId: readonly (Int32Array | undefined)[];
  /**
   * nextMandatory[i]: the first mandatory child at index i or after (children.length when none), so that
   * passing over optional children costs nothing.
   */
  readonly nextMandatory: Int32Array;
}

/** A guide turned into an automaton for one version: the validator's only input. */
export interface CompiledGuide {
  readonly id: string;
  readonly standard: GuideStandard;
  readonly set: string;
  readonly version: string;
  readonly root: CompiledLoop;
  readonly loopCount: number;
  /** Every tag the structure names, to tell "unexpected here" from "not in this set". */
  readonly tags: ReadonlySet<string>;
  /** A small number for each tag the structure names, so that placing a segment costs one map lookup. */
  readonly tagIds: ReadonlyMap<string, number>;
  /**
   * The same for tags of one to three bytes, keyed by their bytes packed in a number (see `tagKey`), in an
   * open-addressed table (`tagTableKeys` -1: empty slot): a segment's tag number is found without its string.
   */
  readonly tagTableKeys: Int32Array;
  readonly tagTableIds: Int32Array;
  /** Whether the structure names the set's header and trailer (ST/SE, UNH/UNT) itself. */
  readonly coversEnvelope: boolean;
  readonly hl: boolean;
  /** Definitions that are missing or overrides that point at nothing; empty for a sound guide. */
  readonly problems: readonly string[];
}

const setHeaders: Record<GuideStandard, string> = { x12: "ST", edifact: "UNH" };

/**
 * Compiles a resolved guide for one version: each segment definition comes from the guide's own block,
 * else from the version dictionary, with the guide's overrides applied; the structure becomes nested loops
 * with a tag index per loop, so that each segment is placed with one map lookup.
 */
export function compileGuide(
  guide: ResolvedGuide,
  version: string,
  dictionary: SegmentDictionary | null,
): CompiledGuide {
  const problems: string[] = [];
  const rules = new Map<string, SegmentRule | null>();
  const ruleFor = (tag: string): SegmentRule | null => {
    let rule = rules.get(tag);
    if (rule !== undefined) return rule;
    const def: SegmentDef | undefined = guide.segments[tag] ?? dictionary?.segments[tag];
    if (def === undefined) problems.push(`segment ${tag} has no definition for version ${version}`);
    rule = def === undefined ? null : compileSegmentRule(tag, def, guide.overrides, problems);
    rules.set(tag, rule);
    return rule;
  };
  const tags = new Set<string>();
  const tagIds = new Map<string, number>();
  let loops = 0;
  const compileLoop = (id: string | null, body: readonly GuideNode[], path: string): CompiledLoop => {
    const index = loops++;
    const children: CompiledNode[] = body.map((node) => {
      if (isLoopNode(node)) {
        const loop = compileLoop(node.loop, node.body, `${path}/${node.loop}`);
        const trigger = loop.children[0] as CompiledNode;
        return {
          tag: trigger.tag,
          mandatory: node.req === "M",
          max: node.max,
          loop,
          rule: trigger.rule,
          match: trigger.match,
        };
      }
      tags.add(node.seg);
      if (!tagIds.has(node.seg)) tagIds.set(node.seg, tagIds.size);
      return {
        tag: node.seg,
        mandatory: node.req === "M",
        max: node.max,
        loop: null,
        rule: ruleFor(node.seg),
        match:
          node.match === undefined
            ? null
            : Object.entries(node.match).map(([pos, values]) => ({
                element: Number(pos),
                values: new CodeSet(values),
              })),
      };
    });
    const byTag = new Map<string, number[]>();
    children.forEach((c, i) => {
      const list = byTag.get(c.tag) ?? [];
      list.push(i);
      byTag.set(c.tag, list);
    });
    const compiled = new Map([...byTag].map(([t, l]) => [t, Int32Array.from(l)]));
    const byTagId: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(tagIds.size).fill(
      undefined,
    );
    for (const [t, l] of compiled) byTagId[tagIds.get(t) as number] = l;
    const nextMandatory = new Int32Array(children.length + 1);
    nextMandatory[children.length] = children.length;
    for (let i = children.length - 1; i >= 0; i--)
      nextMandatory[i] = (children[i] as CompiledNode).mandatory ? i : (nextMandatory[i + 1] as number);
    return { id, index, children, byTag: compiled, byTagId, nextMandatory };
  };
  const root = compileLoop(null, guide.structure, "");
  for (const layer of guide.overrides)
    for (const tag of Object.keys(layer))
      if (!tags.has(tag)) problems.push(`override of ${tag}, which the structure does not name`);
  const tagTableKeys = new Int32Array(tagTableSize).fill(-1);
  const tagTableIds = new Int32Array(tagTableSize);
  for (const [tag, id] of tagIds) {
    const b = Buffer.from(tag, "latin1");
    if (b.length < 1 || b.length > 3) continue;
    const key = tagKey(b, 0, b.length);
    let slot = tagSlot(key);
    while ((tagTableKeys[slot] as number) !== -1) slot = (slot + 1) & (tagTableSize - 1);
    tagTableKeys[slot] = key;
    tagTableIds[slot] = id;
  }
  const first = root.children[0];
  return {
    tagTableKeys,
    tagTableIds,
    id: guide.id,
    standard: guide.standard,
    set: guide.set,
    version,
    root,
    loopCount: loops,
    tags,
    tagIds,
    coversEnvelope: first !== undefined && first.loop === null && first.tag === setHeaders[guide.standard],
    hl: guide.hl,
    problems,
  };
}

const tagTableSize = 1024;

/** One to three tag bytes `[s, e)` as one number (the length keeps "A" apart from "\0A"). */
export function tagKey(buf: Uint8Array, s: number, e: number): number {
  let v = e - s;
  for (let i = s; i < e; i++) v = (v << 8) | (buf[i] as number);
  return v;
}

export function tagSlot(key: number): number {
  return (key ^ (key >>> 11) ^ (key >>> 19)) & (tagTableSize - 1);
}

/** The tag number of `key` in a compiled guide's table, or -1. */
export function tagIdOf(guide: CompiledGuide, key: number): number {
  const keys = guide.tagTableKeys;
  let slot = tagSlot(key);
  for (;;) {
    const k = keys[slot] as number;
    if (k === key) return guide.tagTableIds[slot] as number;
    if (k === -1) return -1;
    slot = (slot + 1) & (tagTableSize - 1);
  }
}
