import { OpenVanError } from "../../kernel/index.js";
import type {
  GuideDoc,
  GuideInput,
  GuideNode,
  GuideStandard,
  SegmentDef,
  SegmentOverride,
} from "./guide-types.js";

/**
 * A guide with its `extends` chain followed: what it inherits filled in, and the overrides of every guide in
 * the chain kept in order (the base's first), so that a partner's change applies over the built-in's.
 */
export interface ResolvedGuide {
  readonly id: string;
  readonly standard: GuideStandard;
  readonly versions: readonly string[];
  readonly set: string;
  readonly name: string | null;
  readonly structure: readonly GuideNode[];
  readonly segments: Readonly<Record<string, SegmentDef>>;
  readonly overrides: readonly Readonly<Record<string, SegmentOverride>>[];
  readonly hl: boolean;
  /** The ids of the chain, this guide first. */
  readonly lineage: readonly string[];
}

/** Follows `extends` through `lookup`; an unknown base or a cycle is a GUIDE_NOT_FOUND / GUIDE_INVALID. */
export function resolveGuide(
  guide: GuideInput,
  lookup: (id: string) => GuideInput | undefined,
): ResolvedGuide {
  const chain: GuideInput[] = [guide];
  let current = guide;
  while (current.extends !== undefined) {
    const baseId = current.extends;
    if (chain.some((g) => g.id === baseId))
      throw new OpenVanError(
        "GUIDE_INVALID",
        `guide ${guide.id}: "extends" makes a cycle through ${baseId}`,
        {
          guide: guide.id,
        },
      );
    const base = lookup(baseId);
    if (base === undefined)
      throw new OpenVanError(
        "GUIDE_NOT_FOUND",
        `guide ${current.id} extends ${baseId}, which is not registered`,
        {
          guide: current.id,
          extends: baseId,
        },
      );
    chain.push(base);
    current = base;
  }
  const pick = <K extends keyof GuideInput>(key: K): GuideInput[K] | undefined => {
    for (const g of chain) if (g[key] !== undefined) return g[key];
    return undefined;
  };
  const standard = pick("standard");
  const versions = pick("versions");
  const set = pick("set");
  const structure = pick("structure");
  if (standard === undefined || versions === undefined || set === undefined || structure === undefined)
    throw new OpenVanError(
      "GUIDE_INVALID",
      `guide ${guide.id} lacks standard, versions, set or structure and extends no guide that has them`,
      { guide: guide.id },
    );
  const base = [...chain].reverse();
  const segments: Record<string, SegmentDef> = {};
  for (const g of base) Object.assign(segments, g.segments ?? {});
  return {
    id: guide.id,
    standard,
    versions,
    set,
    name: pick("name") ?? null,
    structure,
    segments,
    overrides: base.flatMap((g) => (g.overrides === undefined ? [] : [g.overrides])),
    hl: pick("hl") ?? false,
    lineage: chain.map((g) => g.id),
  };
}

export function isCompleteGuide(guide: GuideInput): guide is GuideDoc {
  return (
    guide.standard !== undefined &&
    guide.versions !== undefined &&
    guide.set !== undefined &&
    guide.structure !== undefined
  );
}
