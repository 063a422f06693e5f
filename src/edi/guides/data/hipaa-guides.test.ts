import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  conformanceRoot as conformance,
  conformancePresent as present,
} from "../../../../test/support/conformance-corpus.js";
import { builtinGuideFiles } from "../builtin-guide-files.js";
import { builtinGuides } from "../builtin-guides.js";
import { GuideSet } from "../guide-set.js";
import type { ElementDef, GuideDoc, GuideNode, SegmentDef } from "../guide-types.js";
import { isCompositeDef, isLoopNode } from "../guide-types.js";
import { loadGuide } from "../load-guide.js";
import { validateInterchanges } from "../validate-interchanges.js";

/**
 * The HIPAA implementation guides (x12-hipaa/): each carries its own segment block, so every segment its
 * structure names must be defined there, and its loops, repeats, qualifiers and element rules must hold
 * together. Real files from ../shared/conformance are validated with them when that directory is present.
 */
const dataDir = fileURLToPath(new URL("./x12-hipaa/", import.meta.url));
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const guides = files.map((f) => ({
  file: f,
  doc: JSON.parse(readFileSync(dataDir + f, "utf8")) as GuideDoc,
}));

const X12_TYPES = new Set([
  "AN",
  "ID",
  "DT",
  "TM",
  "R",
  "B",
  ...Array.from({ length: 10 }, (_, i) => `N${i}`),
]);

function elementProblems(where: string, e: ElementDef, out: string[]): void {
  if (!["M", "O", "X", "N"].includes(e.req)) out.push(`${where}: req ${e.req}`);
  if (isCompositeDef(e)) {
    if (!/^C\d{3}$/.test(e.id)) out.push(`${where}: composite id ${e.id}`);
    if (e.components.length === 0) out.push(`${where}: composite without components`);
    e.components.forEach((c, i) => {
      elementProblems(`${where}-${String(i + 1).padStart(2, "0")}`, c, out);
    });
    return;
  }
  if (!/^\d{1,4}$/.test(e.id)) out.push(`${where}: element id ${e.id}`);
  if (!X12_TYPES.has(e.type)) out.push(`${where}: type ${e.type}`);
  if (!(e.min >= 1 && e.min <= e.max)) out.push(`${where}: min ${e.min} max ${e.max}`);
  if (e.type === "DT" && ![6, 8].includes(e.max)) out.push(`${where}: a date of ${e.max} characters`);
  for (const c of e.codes ?? [])
    if (c.length < e.min || c.length > e.max) out.push(`${where}: code ${c} length`);
}

/** Syntax notes name positions the segment has. */
function syntaxProblems(
  where: string,
  notes: readonly string[] | undefined,
  count: number,
  out: string[],
): void {
  for (const n of notes ?? []) {
    const positions = (n.slice(1).match(/\d\d/g) ?? []).map(Number);
    if (positions.length < 2 || positions.some((p) => p < 1 || p > count)) out.push(`${where}: syntax ${n}`);
  }
}

function nodeProblems(
  where: string,
  nodes: readonly GuideNode[],
  segments: Readonly<Record<string, SegmentDef>>,
  out: string[],
): void {
  nodes.forEach((n, i) => {
    const at = `${where}[${i}]`;
    if (!(Number.isInteger(n.max) && n.max >= 1)) out.push(`${at}: max ${n.max}`);
    if (n.req !== "M" && n.req !== "O") out.push(`${at}: req ${n.req}`);
    if (isLoopNode(n)) {
      const trigger = n.body[0];
      if (trigger === undefined || isLoopNode(trigger)) out.push(`${at} ${n.loop}: no trigger segment first`);
      else if (trigger.req !== "M" || trigger.max !== 1)
        out.push(`${at} ${n.loop}: trigger must be M, max 1`);
      nodeProblems(`${at}.${n.loop}`, n.body, segments, out);
      return;
    }
    const def = segments[n.seg];
    if (def === undefined) {
      out.push(`${at}: segment ${n.seg} is not defined`);
      return;
    }
    // A match names an ID element of the segment and values its code list allows.
    for (const [pos, codes] of Object.entries(n.match ?? {})) {
      const e = def.elements[Number(pos) - 1];
      if (e === undefined || isCompositeDef(e) || e.type !== "ID") {
        out.push(`${at}: match ${n.seg}${pos} is not an ID element`);
        continue;
      }
      for (const c of codes)
        if (e.codes !== undefined && !e.codes.includes(c)) out.push(`${at}: ${n.seg}${pos} ${c}`);
    }
  });
}

describe("HIPAA guides (src/edi/guides/data/x12-hipaa)", () => {
  it("are 13 guides, each registered as a built-in", () => {
    expect(files.length).toBe(13);
    const registered = builtinGuideFiles.map((f) => f.file);
    for (const f of files) expect(registered).toContain(`x12-hipaa/${f}`);
  });

  it.each(guides)("$file: loads, and names only segments it defines", ({ file, doc }) => {
    expect(() => loadGuide(doc, file)).not.toThrow();
    expect(doc.standard).toBe("x12");
    expect(doc.versions.length).toBe(1);
    expect(doc.versions[0]).toMatch(/^00[45]010X\d{3}(A\d)?$/);
    expect(file).toBe(`${doc.id.replace(/^hipaa-/, "")}.json`);
    const segments = doc.segments ?? {};
    const out: string[] = [];
    nodeProblems("structure", doc.structure, segments, out);
    for (const [tag, def] of Object.entries(segments)) {
      def.elements.forEach((e, i) => {
        elementProblems(`${tag}${String(i + 1).padStart(2, "0")}`, e, out);
      });
      syntaxProblems(tag, def.syntax, def.elements.length, out);
    }
    const first = doc.structure[0];
    const last = doc.structure.at(-1);
    expect(first && !isLoopNode(first) && first.seg).toBe("ST");
    expect(last && !isLoopNode(last) && last.seg).toBe("SE");
    expect(segments.ST?.elements[0]).toMatchObject({ codes: [doc.set] });
    expect(out).toEqual([]);
  });

  it.each(guides)("$file: compiles without problems and is chosen by its GS08", ({ doc }) => {
    const version = doc.versions[0] as string;
    const compiled = builtinGuides().select({
      standard: "x12",
      set: doc.set,
      groupVersion: version,
      setVersion: null,
    });
    expect(compiled?.id).toBe(doc.id);
    expect(compiled?.problems).toEqual([]);
  });
});

/** Real HIPAA files (<repo>/../shared/conformance) that OpenVAN's guides must accept without a finding. */

const sound = [
  "stu__005010_X212-HR277_pass_1.era",
  "ims__837_5010_x12_ambiguous_loop.txt",
  "stu__005010_X220A1-BE834_pass_enroll-employee-in-multiple-health-care-insurance-products.edi",
  "stu__005010_X221A1-HP835_pass_multiple-claims-single-check.edi",
  "lfh__270_005010X279A1_subscriber-health-benefit-check.270",
  "lfh__271_005010X279A1_dependent-health-benefit-check.271",
  "lfh__834_005010X220A1_add-dependent.834",
  "lfh__834_005010X220A1_terminate-subscriber-eligibility.834",
  "oop__INS__835__4010_Example1_GripElements.txt",
  "oop__INS__835__5010_ExampleFromNth.txt",
  "oop__INS__835__5010_FromNth_835_WithMultipleInterchanges.txt",
  "pyx__834_deident_family.txt",
  "pyx__835_mult_loops.txt",
  "x12p__835_profee.edi",
];

/**
 * Files where a payer or provider level (HL 20 / 19) starts again after a subscriber's claims: only a loop
 * trigger matched by its qualifier (HL03, NM101) places them right.
 */
const restartedLevels = [
  "lfh__276_005010X212_claim-level-status.276",
  "stu__005010_X212-HR276_case_1.edi",
  "ims__277_5010_x12_277_x212.txt",
];

/** What the guides find in a file, beyond what the reader alone finds (syntax and envelopes). */
function findings(file: string): string[] {
  const bytes = readFileSync(`${conformance}x12/${file}`);
  const text = (f: { code: string; offset: number; message: string }) =>
    `${f.code} @${f.offset} ${f.message}`;
  const syntax = new Set(validateInterchanges(bytes, GuideSet.of([], [])).findings.map(text));
  return validateInterchanges(bytes, builtinGuides())
    .findings.map(text)
    .filter((f) => !syntax.has(f));
}

describe.skipIf(!present)("HIPAA guides on real files (../shared/conformance)", () => {
  it.each(sound.filter((f) => existsSync(`${conformance}x12/${f}`)))("%s: no finding", (file) => {
    expect(findings(file)).toEqual([]);
  });

  it.each(restartedLevels.filter((f) => existsSync(`${conformance}x12/${f}`)))(
    "%s: restarted levels are matched by their qualifier, no finding",
    (file) => {
      expect(findings(file)).toEqual([]);
    },
  );
});

/**
 * Hand-written claim status documents in which a subscriber's own claim (loop 2200D) comes before a
 * dependent level (HL 23), as the TR3s place it: 2200D sits between 2100D and 2000E.
 */
function claimStatus(convention: string, gs01: string, set: string, body: readonly string[]): Uint8Array {
  const x5010 = convention.startsWith("005010");
  const isa =
    "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240101*1200*" +
    (x5010 ? "^*00501" : "U*00401") +
    "*000000001*0*P*:~";
  const st = `ST*${set}*0001${x5010 ? `*${convention}` : ""}~`;
  const segments = [st, ...body.map((s) => `${s}~`)];
  return new TextEncoder().encode(
    `${isa}GS*${gs01}*SENDER*RECEIVER*20240101*1200*1*X*${convention}~${segments.join("")}` +
      `SE*${segments.length + 1}*0001~GE*1*1~IEA*1*000000001~`,
  );
}

/** Payer, receiver and provider levels (HL 1, 2, 3) of a 276. */
const request276Levels = [
  "HL*1**20*1",
  "NM1*PR*2*PAYER*****PI*12345",
  "HL*2*1*21*1",
  "NM1*41*2*CLINIC*****46*X123",
  "HL*3*2*19*1",
  "NM1*1P*2*CLINIC*****XX*1234567893",
];

const request276 = (claim: string, claimDate: string) => [
  "HL*4*3*22*1",
  "DMG*D8*19700101*M",
  "NM1*IL*1*DOE*JOHN****MI*W000000001",
  `TRN*1*${claim}1`,
  "REF*1K*PAYERCLAIM1",
  "REF*BLT*111",
  "REF*EJ*PCN1",
  "AMT*T3*100",
  `DTP*${claimDate}`,
  "SVC*HC:99213*100*0",
  "REF*FJ*1",
  "DTP*472*D8*20231201",
  "HL*5*4*23*0",
  "DMG*D8*20100101*F",
  "NM1*QC*1*DOE*JANE",
  `TRN*1*${claim}2`,
  "REF*EJ*PCN2",
  `DTP*${claimDate}`,
  "HL*6*3*22*0",
  "NM1*IL*1*ROE*RICHARD****MI*W000000002",
  `TRN*1*${claim}3`,
];

/** Payer, receiver and provider levels of a 277 (with the 2200B / 2200C trace loops when given). */
const response277Levels = (traces: boolean) => [
  "HL*1**20*1",
  "NM1*PR*2*PAYER*****PI*12345",
  "PER*IC*CLAIMS*TE*5555551234",
  "HL*2*1*21*1",
  "NM1*41*2*CLINIC*****46*X123",
  ...(traces ? ["TRN*2*RECEIVER1", "STC*A1:20*20240102*WQ*150"] : []),
  "HL*3*2*19*1",
  "NM1*1P*2*CLINIC*****XX*1234567893",
  ...(traces ? ["TRN*1*PROVIDER1", "STC*A1:20*20240102*WQ*150"] : []),
];

const response277 = (claimDate: string) => [
  "HL*4*3*22*1",
  "NM1*IL*1*DOE*JOHN****MI*W000000001",
  "TRN*2*CLAIM1",
  "STC*A1:20*20240102*WQ*100",
  "REF*1K*PAYERCLAIM1",
  "REF*EJ*PCN1",
  `DTP*${claimDate}`,
  "SVC*HC:99213*100*0",
  "STC*A1:20*20240102",
  "REF*FJ*1",
  "DTP*472*D8*20231201",
  "HL*5*4*23*0",
  "NM1*QC*1*DOE*JANE",
  "TRN*2*CLAIM2",
  "STC*A1:20*20240102*WQ*50",
  "REF*1K*PAYERCLAIM2",
  `DTP*${claimDate}`,
  "HL*6*3*22*0",
  "NM1*IL*1*ROE*RICHARD****MI*W000000002",
  "TRN*2*CLAIM3",
  "STC*A1:20*20240102*WQ*25",
];

const subscriberThenDependent = [
  {
    name: "276 005010X212",
    guide: "hipaa-276-005010X212",
    doc: claimStatus("005010X212", "HR", "276", [
      "BHT*0010*13*ABC276*20240101*1200",
      ...request276Levels,
      ...request276("CLAIM", "472*RD8*20231201-20231201"),
    ]),
  },
  {
    name: "276 004010X093A1",
    guide: "hipaa-276-004010X093A1",
    doc: claimStatus("004010X093A1", "HR", "276", [
      "BHT*0010*13*ABC276*20240101*1200",
      ...request276Levels,
      ...request276("CLAIM", "232*RD8*20231201-20231201").map((s) =>
        s.startsWith("REF*EJ") ? s.replace("REF*EJ", "REF*EA") : s,
      ),
    ]),
  },
  {
    name: "277 005010X212, with the 2200B and 2200C trace loops",
    guide: "hipaa-277-005010X212",
    doc: claimStatus("005010X212", "HN", "277", [
      "BHT*0010*08*ABC277*20240102*1200*DG",
      ...response277Levels(true),
      ...response277("472*D8*20231201"),
    ]),
  },
  {
    name: "277 005010X212, without 2200B and 2200C",
    guide: "hipaa-277-005010X212",
    doc: claimStatus("005010X212", "HN", "277", [
      "BHT*0010*08*ABC277*20240102*1200*DG",
      ...response277Levels(false),
      ...response277("472*D8*20231201"),
    ]),
  },
  {
    name: "277 004010X093A1, with subscriber and dependent demographics",
    guide: "hipaa-277-004010X093A1",
    doc: claimStatus("004010X093A1", "HN", "277", [
      "BHT*0010*08*ABC277*20240102*1200",
      ...response277Levels(false),
      ...response277("232*RD8*20231201-20231201").flatMap((s) =>
        s === "HL*4*3*22*1" ? [s, "DMG*D8*19700101*M"] : s === "HL*5*4*23*0" ? [s, "DMG*D8*20100101*F"] : [s],
      ),
    ]),
  },
];

describe("HIPAA claim status: a subscriber's claim followed by a dependent level", () => {
  it.each(subscriberThenDependent)("$name: validates clean against $guide", ({ guide, doc }) => {
    const { reports, findings } = validateInterchanges(doc, builtinGuides());
    expect(findings.map((f) => `${f.code} @${f.offset} ${f.message}`)).toEqual([]);
    const set = reports[0]?.groups[0]?.sets[0];
    expect(set).toMatchObject({ guide, status: "accepted" });
  });

  it("277 005010X212: a 2200B trace without its STC is reported missing", () => {
    const doc = claimStatus("005010X212", "HN", "277", [
      "BHT*0010*08*ABC277*20240102*1200*DG",
      ...response277Levels(true).filter(
        (s, i, all) => !(s.startsWith("STC") && all[i - 1] === "TRN*2*RECEIVER1"),
      ),
      ...response277("472*D8*20231201"),
    ]);
    const codes = validateInterchanges(doc, builtinGuides()).findings.map((f) => f.code);
    expect(codes).toEqual(["EDI_SEGMENT_MISSING"]);
  });
});

describe("837P CLM05 (health care service location)", () => {
  const clm05 = (file: string) => {
    const doc = guides.find((g) => g.file === file)?.doc;
    const e = doc?.segments?.CLM?.elements[4];
    return e !== undefined && isCompositeDef(e) ? e : undefined;
  };

  it("005010X222A1: its three components are required, CLM05-02 is B", () => {
    const e = clm05("837P-005010X222A1.json");
    expect(e?.req).toBe("M");
    expect(e?.components.map((c) => c.req)).toEqual(["M", "M", "M"]);
    expect(e?.components[1]?.codes).toEqual(["B"]);
  });

  it("004010X098A1: CLM05-01 and CLM05-03 are required, CLM05-02 is not used", () => {
    const e = clm05("837P-004010X098A1.json");
    expect(e?.req).toBe("M");
    expect(e?.components.map((c) => c.req)).toEqual(["M", "N", "M"]);
  });
});
