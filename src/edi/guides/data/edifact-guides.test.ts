import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ackNow } from "../../../../test/support/ack-helpers.js";
import {
  conformanceRoot as conformance,
  conformancePresent as present,
} from "../../../../test/support/conformance-corpus.js";
import { renderContrl } from "../../acks/render-contrl.js";
import { sequentialControlNumbers, writeInterchange } from "../../index.js";
import { builtinDictionaryFiles, builtinGuideFiles } from "../builtin-guide-files.js";
import { builtinGuides } from "../builtin-guides.js";
import { GuideSet } from "../guide-set.js";
import type { ElementDef, GuideDoc, GuideNode, SegmentDef, SegmentDictionary } from "../guide-types.js";
import { isCompositeDef, isLoopNode } from "../guide-types.js";
import { loadGuide, loadSegmentDictionary } from "../load-guide.js";
import { validateInterchanges } from "../validate-interchanges.js";

/**
 * The EDIFACT directories (D96A, D01B segment dictionaries) and message guides: every node names a segment
 * the directory defines, loops start with their trigger, repeats and lengths are sane; the sound files of
 * ../shared/conformance validate without a finding, and OpenVAN's own CONTRL for them validates against the
 * CONTRL guide.
 */
const MESSAGES = ["ORDERS", "ORDRSP", "DESADV", "INVOIC", "CONTRL", "APERAK", "IFTMIN"];
const DIRECTORIES = ["D96A", "D01B"];

const dictionaries = new Map<string, SegmentDictionary>(
  builtinDictionaryFiles
    .filter((f) => f.standard === "edifact")
    .map((f) => [f.version, loadSegmentDictionary(f.data, f.file)]),
);
const guides = MESSAGES.map((m) => {
  const entry = builtinGuideFiles.find((f) => f.file === `edifact/${m}.json`);
  return { message: m, doc: entry?.data as GuideDoc | undefined };
});

function elementProblems(where: string, e: ElementDef, out: string[], inComposite = false): void {
  if (!["M", "C"].includes(e.req)) out.push(`${where}: req ${e.req}`);
  if (isCompositeDef(e)) {
    if (inComposite) out.push(`${where}: composite inside a composite`);
    if (!/^[CES]\d{3}$/.test(e.id)) out.push(`${where}: composite id ${e.id}`);
    if (e.components.length === 0) out.push(`${where}: composite without components`);
    e.components.forEach((c, i) => {
      elementProblems(`${where}-${String(i + 1).padStart(2, "0")}`, c, out, true);
    });
    return;
  }
  if (!/^\d{4}$/.test(e.id)) out.push(`${where}: element id ${e.id}`);
  if (!["a", "n", "an"].includes(e.type)) out.push(`${where}: type ${e.type}`);
  if (!(e.min >= 1 && e.min <= e.max)) out.push(`${where}: min ${e.min} max ${e.max}`);
}

function nodeProblems(
  where: string,
  nodes: readonly GuideNode[],
  known: (tag: string) => boolean,
  out: string[],
) {
  const loops = new Set<string>();
  nodes.forEach((n, i) => {
    const at = `${where}[${i}]`;
    if (!(Number.isInteger(n.max) && n.max >= 1)) out.push(`${at}: max ${n.max}`);
    if (isLoopNode(n)) {
      if (!/^SG\d+$/.test(n.loop)) out.push(`${at}: loop id ${n.loop}`);
      if (loops.has(n.loop)) out.push(`${at}: loop ${n.loop} twice`);
      loops.add(n.loop);
      const trigger = n.body[0];
      if (trigger === undefined || isLoopNode(trigger)) out.push(`${at} ${n.loop}: no trigger segment first`);
      else if (trigger.req !== "M" || trigger.max !== 1)
        out.push(`${at} ${n.loop}: trigger must be M, max 1`);
      nodeProblems(`${at}.${n.loop}`, n.body, known, out);
      return;
    }
    if (!known(n.seg)) out.push(`${at}: segment ${n.seg} is not in the directory`);
  });
}

/** Loop ids SG1, SG2 … in document order, each once. */
function loopIds(nodes: readonly GuideNode[], out: string[] = []): string[] {
  for (const n of nodes)
    if (isLoopNode(n)) {
      out.push(n.loop);
      loopIds(n.body, out);
    }
  return out;
}

describe("EDIFACT directories (src/edi/guides/data/edifact/D96A, D01B)", () => {
  it.each(DIRECTORIES)("%s: registered, and every segment well formed", (version) => {
    const dictionary = dictionaries.get(version);
    expect(dictionary, `${version} not registered`).toBeDefined();
    const out: string[] = [];
    for (const [tag, def] of Object.entries(dictionary?.segments ?? {})) {
      if (!/^[A-Z]{3}$/.test(tag)) out.push(`${tag}: tag`);
      if (def.elements.length === 0) out.push(`${tag}: no elements`);
      def.elements.forEach((e, i) => {
        elementProblems(`${tag}${String(i + 1).padStart(2, "0")}`, e, out);
      });
    }
    expect(out).toEqual([]);
  });

  it("D01B widens what D96A allows, never narrows it", () => {
    const d96 = dictionaries.get("D96A")?.segments ?? {};
    const d01 = dictionaries.get("D01B")?.segments ?? {};
    const out: string[] = [];
    for (const [tag, old] of Object.entries(d96)) {
      const now: SegmentDef | undefined = d01[tag];
      if (now === undefined) {
        out.push(`${tag} missing from D01B`);
        continue;
      }
      old.elements.forEach((e, i) => {
        const n = now.elements[i];
        // A simple element may become a composite led by it (NAD 3229 -> C819, BGM 1004 -> C106): still compatible.
        const led =
          n !== undefined && isCompositeDef(n) && !isCompositeDef(e) && n.components[0]?.id === e.id;
        if (led) return;
        if (n === undefined || n.id !== e.id) out.push(`${tag}${i + 1}: ${e.id} became ${n?.id}`);
        else if (!isCompositeDef(e) && !isCompositeDef(n) && n.max < e.max)
          out.push(`${tag}${i + 1}: shorter`);
      });
    }
    expect(out).toEqual([]);
  });
});

describe("EDIFACT message guides (src/edi/guides/data/edifact)", () => {
  it.each(guides)("$message: loads, and names only segments of D96A and D01B", ({ message, doc }) => {
    expect(doc, `edifact/${message}.json not registered`).toBeDefined();
    if (doc === undefined) return;
    expect(() => loadGuide(doc, message)).not.toThrow();
    expect(doc).toMatchObject({ id: `edifact-${message}`, standard: "edifact", set: message });
    for (const v of DIRECTORIES) expect(doc.versions).toContain(v);
    const first = doc.structure[0];
    const last = doc.structure.at(-1);
    expect(first && !isLoopNode(first) && first.seg).toBe("UNH");
    expect(last && !isLoopNode(last) && last.seg).toBe("UNT");
    const ids = loopIds(doc.structure);
    expect(ids).toEqual(ids.map((_, i) => `SG${i + 1}`));
    for (const v of DIRECTORIES) {
      const out: string[] = [];
      const known = (tag: string) =>
        doc.segments?.[tag] !== undefined || dictionaries.get(v)?.segments[tag] !== undefined;
      nodeProblems("structure", doc.structure, known, out);
      expect(out, v).toEqual([]);
    }
  });

  it.each(guides)("$message: compiles for D96A and D01B without problems", ({ message }) => {
    for (const v of DIRECTORIES) {
      const compiled = builtinGuides().select({
        standard: "edifact",
        set: message,
        groupVersion: null,
        setVersion: `D:${v.slice(1)}:UN`,
      });
      expect(compiled?.id, `${message} ${v}`).toBe(`edifact-${message}`);
      expect(compiled?.problems).toEqual([]);
    }
  });

  it("CONTRL is also chosen for the versions ISO 9735 gives it (D:3, 4:1)", () => {
    for (const setVersion of ["D:3:UN", "4:1:UN", "2:2:UN"])
      expect(
        builtinGuides().select({ standard: "edifact", set: "CONTRL", groupVersion: null, setVersion })?.id,
      ).toBe("edifact-CONTRL");
  });
});

/** Real files (<repo>/../shared/conformance): the sound ones of these messages, D96A and D01B. */

interface ManifestEntry {
  readonly file: string;
  readonly std: string;
  readonly negative: boolean;
  readonly analysis?: { readonly problems?: readonly string[] };
}

const entries: ManifestEntry[] = present
  ? (JSON.parse(readFileSync(`${conformance}manifest.json`, "utf8")) as ManifestEntry[]).filter(
      (e) => e.std === "edifact",
    )
  : [];

/** The message types and directories of the UNH headers of a file, e.g. `ORDERS:D:96A`. */
function messagesOf(bytes: Buffer): string[] {
  const text = bytes.toString("latin1");
  return [...text.matchAll(/UNH.([^'+]*).([A-Z]{6}).(D|0).(\w{3})/g)].map((m) => `${m[2]}:${m[3]}:${m[4]}`);
}

const ours = (m: string): boolean => {
  const [type, version, release] = m.split(":");
  return MESSAGES.includes(type as string) && version === "D" && ["96A", "01B"].includes(release as string);
};

const files = entries
  .map((e) => ({ ...e, bytes: readFileSync(`${conformance}edifact/${e.file}`) }))
  .map((e) => ({ ...e, messages: messagesOf(e.bytes) }))
  .filter((e) => e.messages.length > 0 && e.messages.every(ours));
/** What the reader alone finds (syntax and envelopes), to tell it from what a guide finds. */
const syntaxOnly = GuideSet.of([], []);
const describeFinding = (f: { code: string; offset: number; message: string }): string =>
  `${f.code} @${f.offset} ${f.message}`;
function syntaxFindings(bytes: Uint8Array): string[] {
  return validateInterchanges(bytes, syntaxOnly).findings.map(describeFinding);
}

const sound = files.filter((e) => !e.negative && (e.analysis?.problems ?? []).length === 0);

describe.skipIf(!present)("EDIFACT guides on real files (../shared/conformance)", () => {
  it("has sound files of ORDERS, ORDRSP and APERAK in D96A and D01B to read", () => {
    const seen = new Set(sound.flatMap((e) => e.messages));
    for (const m of ["ORDERS:D:96A", "ORDERS:D:01B", "ORDRSP:D:01B", "APERAK:D:96A"])
      expect(seen).toContain(m);
  });

  it.each(sound.map((e) => [e.file, e] as const))("%s: the guide finds nothing in it", (_, e) => {
    const { reports, findings } = validateInterchanges(e.bytes, builtinGuides());
    const syntax = new Set(syntaxFindings(e.bytes));
    expect(findings.map(describeFinding).filter((f) => !syntax.has(f))).toEqual([]);
    const used = reports.flatMap((r) => r.groups.flatMap((g) => g.sets.map((s) => s.guide)));
    expect(used.length).toBeGreaterThan(0);
    for (const g of used) expect(g).toMatch(/^edifact-/);
  });

  it.each(files.filter((e) => e.negative).map((e) => [e.file, e] as const))(
    "%s (a negative sample): the guide finds its faults",
    (_, e) => {
      expect(validateInterchanges(e.bytes, builtinGuides()).findings.length).toBeGreaterThan(0);
    },
  );

  /** Files the reader finds nothing wrong with: their CONTRL echoes nothing broken. */
  const clean = entries
    .filter((e) => !e.negative)
    .map((e) => ({ ...e, bytes: readFileSync(`${conformance}edifact/${e.file}`) }))
    .filter((e) => syntaxFindings(e.bytes).length === 0);

  it.each(clean.map((e) => [e.file, e] as const))(
    "%s: OpenVAN's CONTRL for it reads back and validates against the CONTRL guide",
    (_, e) => {
      const { reports } = validateInterchanges(e.bytes, builtinGuides());
      for (const report of reports) {
        const ack = renderContrl(report, sequentialControlNumbers(), ackNow);
        if (ack === null) continue;
        const check = validateInterchanges(writeInterchange(ack), builtinGuides());
        const guide = check.reports.flatMap((r) => r.groups.flatMap((g) => g.sets.map((s) => s.guide)));
        expect(guide).toEqual(["edifact-CONTRL"]);
        expect(check.findings.map(describeFinding)).toEqual([]);
      }
    },
  );
});

/** Small sound messages written for this test, one per message type the real files above do not cover. */
const handWritten: Record<string, string[]> = {
  "DESADV:D:96A": [
    "BGM+351+DES587441+9",
    "DTM+137:20260301:102",
    "DTM+11:20260302:102",
    "RFF+ON:ORD-2001",
    "NAD+SU+4012345000009::9",
    "NAD+DP+4012345000016::9",
    "TDT+20++30+31",
    "CPS+1",
    "PAC+2++201",
    "PCI+33E",
    "GIN+BJ+354123450000000014",
    "LIN+1++4000862141404:EN",
    "QTY+12:24",
    "RFF+ON:ORD-2001:1",
    "CNT+2:1",
  ],
  "INVOIC:D:96A": [
    "BGM+380+INV-77+9",
    "DTM+137:20260305:102",
    "RFF+ON:ORD-2001",
    "NAD+BY+4012345000008::9",
    "RFF+VA:DE123456789",
    "NAD+SU+4012345000009::9",
    "CUX+2:EUR:4",
    "PAT+1++5:3:D:30",
    "DTM+13:20260405:102",
    "LIN+1++4000862141404:EN",
    "QTY+47:24",
    "MOA+203:240.00",
    "PRI+AAA:10.00",
    "TAX+7+VAT+++:::19+S",
    "UNS+S",
    "CNT+2:1",
    "MOA+77:285.60",
    "MOA+79:240.00",
    "TAX+7+VAT+++:::19+S",
    "MOA+124:45.60",
  ],
  "IFTMIN:D:01B": [
    "BGM+610+SHIP-553+9",
    "DTM+137:20260310:102",
    "TSR+27",
    "CNT+7:120.5:KGM",
    "RFF+CU:ORD-2001",
    "TDT+20++3",
    "LOC+9+DEHAM:139:6",
    "NAD+CZ+4012345000009::9",
    "NAD+CN+4012345000016::9",
    "GID+1+2:PK",
    "MEA+WT+AAB+KGM:120.5",
    "PCI+ZZZ",
    "EQD+CN+ABCU1234567",
  ],
  "APERAK:D:01B": [
    "BGM+313+AP-1+9",
    "DTM+137:20260310:102",
    "RFF+ON:ORD-2001",
    "ERC+12",
    "FTX+AAO+++UNKNOWN ARTICLE",
  ],
};

function edifactMessage(type: string, body: string[]): Buffer {
  const [name, version, release] = type.split(":");
  const segments = [
    "UNA:+.? '",
    "UNB+UNOC:3+4012345000009:14+4012345000016:14+260310:1200+77",
    `UNH+1+${name}:${version}:${release}:UN`,
    ...body,
    `UNT+${body.length + 2}+1`,
    "UNZ+1+77",
  ];
  return Buffer.from(`${segments[0]}${segments.slice(1).join("'")}'`, "latin1");
}

describe("EDIFACT guides on hand-written messages", () => {
  it.each(Object.entries(handWritten))("%s: no finding", (type, body) => {
    const { reports, findings } = validateInterchanges(edifactMessage(type, body), builtinGuides());
    expect(findings.map(describeFinding)).toEqual([]);
    expect(reports[0]?.groups[0]?.sets[0]?.guide).toBe(`edifact-${type.split(":")[0]}`);
  });

  it("finds a message's missing mandatory segment, a wrong order and an over-long element", () => {
    const body = [...(handWritten["INVOIC:D:96A"] ?? [])].filter((s) => !s.startsWith("UNS"));
    body.splice(1, 0, "RFF+ON:THIS-REFERENCE-IS-FAR-TOO-LONG-FOR-ITS-ELEMENT-1154");
    const { findings } = validateInterchanges(edifactMessage("INVOIC:D:96A", body), builtinGuides());
    const codes = findings.map((f) => f.code);
    expect(codes).toContain("EDI_ELEMENT_TOO_LONG");
    expect(codes).toContain("EDI_SEGMENT_MISSING");
  });
});
