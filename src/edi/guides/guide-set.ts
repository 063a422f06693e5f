import { OpenVanError } from "../../kernel/index.js";
import { type CompiledGuide, compileGuide } from "./compile-guide.js";
import type { DictionaryEntry, GuideInput, GuideStandard, SegmentDictionary } from "./guide-types.js";
import { type ResolvedGuide, resolveGuide } from "./resolve-guide.js";

/** What a transaction set says about itself, from which its guide is chosen. */
export interface SetIdentity {
  readonly standard: GuideStandard;
  /** ST01 / UNH message type. */
  readonly set: string;
  /** GS08 (X12), null for EDIFACT or when absent. */
  readonly groupVersion: string | null;
  /** ST03 (X12 5010 convention) or UNH S009 `D:96A:UN`. */
  readonly setVersion: string | null;
}

/**
 * The guides a validation run may use: the built-ins and any user (partner) guides added at run time. A set
 * is immutable; `with` makes a new one in which the added guides win over those of the same set and version.
 * Compiled automata are kept per set object, so a GuideSet reused across runs compiles each guide once.
 */
export class GuideSet {
  private readonly compiled = new Map<string, CompiledGuide>();
  private readonly resolved = new Map<string, ResolvedGuide>();
  /** `standard|set|version` -> guide id; later registrations replace earlier ones. */
  private readonly index = new Map<string, string>();

  private constructor(
    private readonly dictionaries: ReadonlyMap<string, SegmentDictionary>,
    private readonly guides: ReadonlyMap<string, GuideInput>,
    order: readonly string[],
  ) {
    for (const id of order) {
      const g = this.resolve(id);
      for (const v of g.versions) this.index.set(key(g.standard, g.set, v), id);
    }
  }

  static of(dictionaries: readonly DictionaryEntry[], guides: readonly GuideInput[]): GuideSet {
    const dicts = new Map(dictionaries.map((d) => [`${d.standard}|${d.version}`, d.dictionary]));
    return new GuideSet(
      dicts,
      new Map(guides.map((g) => [g.id, g])),
      guides.map((g) => g.id),
    );
  }

  /** A new set with `guides` added (replacing guides of the same id) and, optionally, more dictionaries. */
  with(guides: readonly GuideInput[], dictionaries: readonly DictionaryEntry[] = []): GuideSet {
    const dicts = new Map(this.dictionaries);
    for (const d of dictionaries) dicts.set(`${d.standard}|${d.version}`, d.dictionary);
    const all = new Map(this.guides);
    for (const g of guides) all.set(g.id, g);
    const order = [
      ...[...this.guides.keys()].filter((id) => !guides.some((g) => g.id === id)),
      ...guides.map((g) => g.id),
    ];
    return new GuideSet(dicts, all, order);
  }

  ids(): string[] {
    return [...this.guides.keys()];
  }

  has(id: string): boolean {
    return this.guides.has(id);
  }

  /** The guide with its `extends` chain followed; GUIDE_NOT_FOUND for an unknown id. */
  resolve(id: string): ResolvedGuide {
    const done = this.resolved.get(id);
    if (done !== undefined) return done;
    const guide = this.guides.get(id);
    if (guide === undefined)
      throw new OpenVanError("GUIDE_NOT_FOUND", `no guide has the id ${id}`, { guide: id });
    const r = resolveGuide(guide, (other) => this.guides.get(other));
    this.resolved.set(id, r);
    return r;
  }

  /** The guide registered for a set, compiled for its version; null when none applies (syntax check only). */
  select(set: SetIdentity): CompiledGuide | null {
    for (const version of candidateVersions(set)) {
      const id = this.index.get(key(set.standard, set.set, version));
      if (id !== undefined) return this.compile(id, version);
    }
    return null;
  }

  /** A named guide compiled for the version a set states (for `--guide ID`). */
  compileFor(id: string, set: SetIdentity): CompiledGuide {
    const g = this.resolve(id);
    const version = candidateVersions(set).find((v) => g.versions.includes(v)) ?? (g.versions[0] as string);
    return this.compile(id, version);
  }

  compile(id: string, version: string): CompiledGuide {
    const k = `${id}|${version}`;
    let c = this.compiled.get(k);
    if (c === undefined) {
      const g = this.resolve(id);
      c = compileGuide(
        g,
        version,
        this.dictionaries.get(`${g.standard}|${dictionaryVersion(g.standard, version)}`) ?? null,
      );
      this.compiled.set(k, c);
    }
    return c;
  }
}

function key(standard: GuideStandard, set: string, version: string): string {
  return `${standard}|${set}|${version}`;
}

/**
 * The versions a set may be registered under, most specific first. X12: ST03 and GS08 as written (a HIPAA
 * convention such as 005010X222A1), then their base version (005010). EDIFACT: UNH S009 version and release
 * joined (`D:96A:UN` -> `D96A`).
 */
export function candidateVersions(set: SetIdentity): string[] {
  const out: string[] = [];
  const add = (v: string | null | undefined): void => {
    if (v !== null && v !== undefined && v !== "" && !out.includes(v)) out.push(v);
  };
  if (set.standard === "edifact") {
    const parts = (set.setVersion ?? "").split(":");
    add(parts.length >= 2 ? `${parts[0]}${parts[1]}` : null);
    return out;
  }
  add(set.setVersion?.trim());
  add(set.groupVersion?.trim());
  add(set.setVersion?.trim().slice(0, 6));
  add(set.groupVersion?.trim().slice(0, 6));
  return out;
}

/** The dictionary a version reads its segments from: X12 conventions use their base version's. */
export function dictionaryVersion(standard: GuideStandard, version: string): string {
  return standard === "x12" ? version.slice(0, 6) : version;
}
