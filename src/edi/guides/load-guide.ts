import { OpenVanError } from "../../kernel/index.js";
import type {
  ElementDef,
  ElementOverride,
  GuideInput,
  GuideNode,
  SegmentDef,
  SegmentDictionary,
  SegmentOverride,
  SimpleElementDef,
} from "./guide-types.js";

const requirements = new Set(["M", "O", "X", "C", "N"]);
const nodeRequirements = new Set(["M", "O", "C"]);
const types = new Set([
  "AN",
  "ID",
  "DT",
  "TM",
  "R",
  "N",
  "N0",
  "N1",
  "N2",
  "N3",
  "N4",
  "N5",
  "N6",
  "N7",
  "N8",
  "N9",
  "B",
  "a",
  "n",
  "an",
]);
const syntaxNote = /^[PRCEL](\d\d){2,}$/;

/**
 * Guide data comes from files and from partners, so its shape is checked once, on load, with errors that say
 * which file and which path inside it (`structure[3].body[0].max`): the validator then trusts it.
 */
class ShapeChecker {
  constructor(private readonly source: string) {}

  fail(path: string, what: string): never {
    throw new OpenVanError("GUIDE_INVALID", `${this.source}: ${path || "(top)"} ${what}`, {
      source: this.source,
      path,
    });
  }

  object(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, "must be an object");
    return v as Record<string, unknown>;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, "must be an array");
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== "string" || v === "") this.fail(path, "must be a non-empty string");
    return v;
  }

  count(v: unknown, path: string, least: number): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < least)
      this.fail(path, `must be an integer of at least ${least}`);
    return v;
  }

  oneOf(v: unknown, allowed: ReadonlySet<string>, path: string): string {
    if (typeof v !== "string" || !allowed.has(v))
      this.fail(path, `must be one of ${[...allowed].join(", ")}`);
    return v;
  }

  strings(v: unknown, path: string): string[] {
    return this.array(v, path).map((s, i) => {
      if (typeof s !== "string") this.fail(`${path}[${i}]`, "must be a string");
      return s;
    });
  }

  syntax(v: unknown, path: string): string[] {
    const notes = this.strings(v, path);
    notes.forEach((n, i) => {
      if (!syntaxNote.test(n))
        this.fail(`${path}[${i}]`, `"${n}" is not a syntax note like P0304 or L100405`);
    });
    return notes;
  }

  element(v: unknown, path: string): ElementDef {
    const o = this.object(v, path);
    const id = this.string(o.id, `${path}.id`);
    const req = this.oneOf(o.req, requirements, `${path}.req`) as ElementDef["req"];
    const repeat = o.repeat === undefined ? undefined : this.count(o.repeat, `${path}.repeat`, 1);
    const name = typeof o.name === "string" ? o.name : undefined;
    if (o.components !== undefined) {
      const components = this.array(o.components, `${path}.components`).map((c, i) =>
        this.simple(c, `${path}.components[${i}]`),
      );
      if (components.length === 0) this.fail(`${path}.components`, "must not be empty");
      const syntax = o.syntax === undefined ? undefined : this.syntax(o.syntax, `${path}.syntax`);
      return { id, req, components, ...opt({ name, repeat, syntax }) };
    }
    return this.simple(o, path);
  }

  simple(v: unknown, path: string): SimpleElementDef {
    const o = this.object(v, path);
    if (o.components !== undefined) this.fail(path, "is a composite where a simple element is expected");
    const id = this.string(o.id, `${path}.id`);
    const req = this.oneOf(o.req, requirements, `${path}.req`) as SimpleElementDef["req"];
    const type = this.oneOf(o.type, types, `${path}.type`) as SimpleElementDef["type"];
    const min = this.count(o.min, `${path}.min`, 0);
    const max = this.count(o.max, `${path}.max`, 1);
    if (min > max) this.fail(`${path}.min`, `(${min}) is greater than max (${max})`);
    const codes = o.codes === undefined ? undefined : this.strings(o.codes, `${path}.codes`);
    const repeat = o.repeat === undefined ? undefined : this.count(o.repeat, `${path}.repeat`, 1);
    const name = typeof o.name === "string" ? o.name : undefined;
    return { id, req, type, min, max, ...opt({ name, codes, repeat }) };
  }

  segment(v: unknown, path: string): SegmentDef {
    const o = this.object(v, path);
    const elements = this.array(o.elements, `${path}.elements`).map((e, i) =>
      this.element(e, `${path}.elements[${i}]`),
    );
    const syntax = o.syntax === undefined ? undefined : this.syntax(o.syntax, `${path}.syntax`);
    const name = typeof o.name === "string" ? o.name : undefined;
    return { elements, ...opt({ name, syntax }) };
  }

  segments(v: unknown, path: string): Record<string, SegmentDef> {
    const o = this.object(v, path);
    const out: Record<string, SegmentDef> = {};
    for (const [tag, def] of Object.entries(o)) out[tag] = this.segment(def, `${path}.${tag}`);
    return out;
  }

  node(v: unknown, path: string): GuideNode {
    const o = this.object(v, path);
    const req = this.oneOf(o.req, nodeRequirements, `${path}.req`) as GuideNode["req"];
    const max = this.count(o.max, `${path}.max`, 1);
    if (o.loop !== undefined) {
      const loop = this.string(o.loop, `${path}.loop`);
      const body = this.nodes(o.body, `${path}.body`);
      const trigger = body[0];
      if (trigger === undefined || "loop" in trigger)
        this.fail(`${path}.body[0]`, "must be the loop's trigger segment");
      return { loop, req, max, body };
    }
    const seg = this.string(o.seg, `${path}.seg`);
    if (o.match === undefined) return { seg, req, max };
    const m = this.object(o.match, `${path}.match`);
    const match: Record<string, string[]> = {};
    for (const [pos, values] of Object.entries(m)) {
      if (!/^\d\d$/.test(pos)) this.fail(`${path}.match.${pos}`, "is not a two-digit position like 03");
      match[pos] = this.strings(values, `${path}.match.${pos}`);
    }
    return { seg, req, max, match };
  }

  nodes(v: unknown, path: string): GuideNode[] {
    return this.array(v, path).map((n, i) => this.node(n, `${path}[${i}]`));
  }

  elementOverride(v: unknown, path: string): ElementOverride {
    const o = this.object(v, path);
    const out: Record<string, unknown> = {};
    if (o.req !== undefined) out.req = this.oneOf(o.req, requirements, `${path}.req`);
    if (o.type !== undefined) out.type = this.oneOf(o.type, types, `${path}.type`);
    if (o.min !== undefined) out.min = this.count(o.min, `${path}.min`, 0);
    if (o.max !== undefined) out.max = this.count(o.max, `${path}.max`, 1);
    if (o.repeat !== undefined) out.repeat = this.count(o.repeat, `${path}.repeat`, 1);
    if (o.codes !== undefined) out.codes = this.strings(o.codes, `${path}.codes`);
    if (o.components !== undefined) out.components = this.positions(o.components, `${path}.components`);
    return out as ElementOverride;
  }

  positions(v: unknown, path: string): Record<string, ElementOverride> {
    const o = this.object(v, path);
    const out: Record<string, ElementOverride> = {};
    for (const [pos, e] of Object.entries(o)) {
      if (!/^\d\d$/.test(pos)) this.fail(`${path}.${pos}`, "is not a two-digit position like 01");
      out[pos] = this.elementOverride(e, `${path}.${pos}`);
    }
    return out;
  }

  overrides(v: unknown, path: string): Record<string, SegmentOverride> {
    const o = this.object(v, path);
    const out: Record<string, SegmentOverride> = {};
    for (const [tag, s] of Object.entries(o)) {
      const so = this.object(s, `${path}.${tag}`);
      const elements =
        so.elements === undefined ? undefined : this.positions(so.elements, `${path}.${tag}.elements`);
      const syntax = so.syntax === undefined ? undefined : this.syntax(so.syntax, `${path}.${tag}.syntax`);
      out[tag] = opt({ elements, syntax });
    }
    return out;
  }
}

/** Checks a segment dictionary (`segments.json`); `source` names it in errors. */
export function loadSegmentDictionary(data: unknown, source: string): SegmentDictionary {
  const c = new ShapeChecker(source);
  const o = c.object(data, "");
  return { segments: c.segments(o.segments, "segments") };
}

/**
 * Checks a guide: a built-in one (`x12/850.json`) or a partner's. A guide that extends another may leave out
 * what it inherits; one that does not must say its standard, versions, set and structure.
 */
export function loadGuide(data: unknown, source: string): GuideInput {
  const c = new ShapeChecker(source);
  const o = c.object(data, "");
  const id = c.string(o.id, "id");
  const ext = o.extends === undefined ? undefined : c.string(o.extends, "extends");
  const need = ext === undefined;
  const standard =
    o.standard === undefined && !need
      ? undefined
      : (c.oneOf(o.standard, new Set(["x12", "edifact"]), "standard") as GuideInput["standard"]);
  const versions = o.versions === undefined && !need ? undefined : c.strings(o.versions, "versions");
  if (versions !== undefined && versions.length === 0) c.fail("versions", "must name at least one version");
  const set = o.set === undefined && !need ? undefined : c.string(o.set, "set");
  const structure = o.structure === undefined && !need ? undefined : c.nodes(o.structure, "structure");
  if (structure !== undefined && structure.length === 0) c.fail("structure", "must not be empty");
  const segments = o.segments === undefined ? undefined : c.segments(o.segments, "segments");
  const overrides = o.overrides === undefined ? undefined : c.overrides(o.overrides, "overrides");
  if (o.hl !== undefined && typeof o.hl !== "boolean") c.fail("hl", "must be true or false");
  const hl = o.hl as boolean | undefined;
  const name = typeof o.name === "string" ? o.name : undefined;
  const functionalGroup =
    o.functionalGroup === undefined ? undefined : c.string(o.functionalGroup, "functionalGroup");
  return {
    id,
    ...opt({ standard, versions, set, structure, segments, overrides, hl, name, functionalGroup }),
    ...(ext === undefined ? {} : { extends: ext }),
  };
}

/** Leaves out the properties whose value is undefined (the guide types have optional, not undefined, fields). */
function opt<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
