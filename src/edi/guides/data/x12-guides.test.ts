import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  conformanceRoot as conformance,
  conformancePresent as haveCorpus,
} from "../../../../test/support/conformance-corpus.js";
import { builtinDictionaryFiles, builtinGuideFiles } from "../builtin-guide-files.js";
import { builtinGuides } from "../builtin-guides.js";
import type { ElementDef, GuideDoc, GuideNode, SegmentDictionary } from "../guide-types.js";
import { isCompositeDef, isLoopNode } from "../guide-types.js";
import { validateInterchanges } from "../validate-interchanges.js";

/** The X12 supply-chain guides and the version dictionaries they read their segments from. */
const SETS = [
  "204",
  "210",
  "214",
  "810",
  "820",
  "824",
  "846",
  "850",
  "852",
  "855",
  "856",
  "860",
  "865",
  "940",
  "943",
  "944",
  "945",
  "990",
  "997",
  "999",
];
const VERSIONS = ["004010", "005010"];

const dictionaries = new Map<string, SegmentDictionary>(
  builtinDictionaryFiles
    .filter((f) => f.standard === "x12" && VERSIONS.includes(f.version))
    .map((f) => [f.version, f.data as SegmentDictionary]),
);
const guides = new Map<string, GuideDoc>(
  builtinGuideFiles
    .filter((f) => /^x12\/\d{3}\.json$/.test(f.file))
    .map((f) => [(f.data as GuideDoc).set, f.data as GuideDoc]),
);

const TYPES = new Set(["AN", "ID", "DT", "TM", "R", "B", ...Array.from({ length: 10 }, (_, i) => `N${i}`)]);

function elementProblems(where: string, e: ElementDef, out: string[]): void {
  if (!["M", "O", "X"].includes(e.req)) out.push(`${where}: req ${e.req}`);
  if (isCompositeDef(e)) {
    if (!/^C\d{3}$/.test(e.id)) out.push(`${where}: composite id ${e.id}`);
    if (e.components.length === 0) out.push(`${where}: composite without components`);
    e.components.forEach((c, i) => {
      elementProblems(`${where}-${String(i + 1).padStart(2, "0")}`, c, out);
    });
    return;
  }
  if (!TYPES.has(e.type)) out.push(`${where}: type ${e.type}`);
  if (!(Number.isInteger(e.min) && Number.isInteger(e.max) && e.min >= 1 && e.min <= e.max))
    out.push(`${where}: min ${e.min} max ${e.max}`);
  if (e.type === "DT" && !(e.min === 6 || e.min === 8)) out.push(`${where}: date length ${e.min}`);
  for (const code of e.codes ?? [])
    if (code.length < e.min || code.length > e.max)
      out.push(`${where}: code ${code} outside ${e.min}/${e.max}`);
}

function syntaxProblems(where: string, note: string, count: number, out: string[]): void {
  const m = /^([PRCEL])((?:\d\d){2,})$/.exec(note);
  if (m === null) {
    out.push(`${where}: syntax note ${note}`);
    return;
  }
  const positions = (m[2] as string).match(/\d\d/g)?.map(Number) ?? [];
  if (new Set(positions).size !== positions.length) out.push(`${where}: ${note} repeats a position`);
  for (const p of positions)
    if (p < 1 || p > count) out.push(`${where}: ${note} names position ${p} of ${count}`);
  if ((m[1] === "C" || m[1] === "L") && positions.length < 2) out.push(`${where}: ${note} too short`);
}

function structureProblems(
  set: string,
  version: string,
  nodes: readonly GuideNode[],
  path: string,
  out: string[],
) {
  const dict = dictionaries.get(version);
  nodes.forEach((node, i) => {
    if (!(Number.isInteger(node.max) && node.max >= 1))
      out.push(`${set}/${version} ${path}[${i}]: max ${node.max}`);
    if (node.req !== "M" && node.req !== "O") out.push(`${set}/${version} ${path}[${i}]: req ${node.req}`);
    if (isLoopNode(node)) {
      const first = node.body[0];
      if (first === undefined || isLoopNode(first))
        out.push(`${set} loop ${node.loop}: no trigger segment first`);
      structureProblems(set, version, node.body, `${path}/${node.loop}`, out);
    } else if (dict?.segments[node.seg] === undefined) {
      out.push(`${set}/${version} ${path}: segment ${node.seg} is not in the ${version} dictionary`);
    }
  });
}

describe("X12 version dictionaries", () => {
  it.each(VERSIONS)("%s is registered and every segment is well formed", (version) => {
    const dict = dictionaries.get(version);
    expect(dict, `x12/${version}/segments.json registered`).toBeDefined();
    const problems: string[] = [];
    for (const [tag, seg] of Object.entries(dict?.segments ?? {})) {
      if (!/^[A-Z][A-Z0-9]{1,2}$/.test(tag)) problems.push(`${tag}: segment id`);
      if (seg.elements.length === 0) problems.push(`${tag}: no elements`);
      seg.elements.forEach((e, i) => {
        elementProblems(`${version} ${tag}${String(i + 1).padStart(2, "0")}`, e, problems);
      });
      for (const note of seg.syntax ?? [])
        syntaxProblems(`${version} ${tag}`, note, seg.elements.length, problems);
    }
    expect(problems).toEqual([]);
  });

  it("the two versions differ where the standard does", () => {
    const v4 = dictionaries.get("004010")?.segments;
    const v5 = dictionaries.get("005010")?.segments;
    const ref02 = (s: typeof v4) => s?.REF?.elements[1];
    expect(ref02(v4)).toMatchObject({ id: "127", max: 30 });
    expect(ref02(v5)).toMatchObject({ id: "127", max: 50 });
    expect(v4?.ST?.elements).toHaveLength(2);
    expect(v5?.ST?.elements.map((e) => e.id)).toEqual(["143", "329", "1705"]);
    expect(v5?.ISA?.elements[10]?.id).toBe("I65");
    expect(v4?.ISA?.elements[10]?.id).toBe("I10");
    expect(v5?.N4?.elements.map((e) => e.id)).toContain("1715");
    expect(v4?.IK3).toBeUndefined();
    expect(v5?.IK3).toBeDefined();
  });
});

describe("X12 supply-chain guides", () => {
  it("every set has exactly one registered guide", () => {
    expect([...guides.keys()].sort()).toEqual(SETS);
  });

  it.each(SETS)("%s names known segments for each of its versions", (set) => {
    const guide = guides.get(set) as GuideDoc;
    expect(guide.id).toBe(`x12-${set}`);
    expect(guide.standard).toBe("x12");
    const problems: string[] = [];
    for (const version of guide.versions) {
      // the 997 also answers groups of the versions without a dictionary here: it carries its own segments
      if (set === "997" && !VERSIONS.includes(version)) {
        expect(version).toMatch(/^00[3-6]0[1-7]0$/);
        continue;
      }
      expect(VERSIONS).toContain(version);
      structureProblems(set, version, guide.structure, "", problems);
    }
    const first = guide.structure[0];
    const last = guide.structure[guide.structure.length - 1];
    expect(first !== undefined && !isLoopNode(first) && first.seg).toBe("ST");
    expect(last !== undefined && !isLoopNode(last) && last.seg).toBe("SE");
    expect(problems).toEqual([]);
    expect(guide.hl === true).toBe(set === "856");
  });

  it.each(SETS)("%s compiles with the engine without problems", (set) => {
    const guide = guides.get(set) as GuideDoc;
    for (const version of guide.versions) {
      const compiled = builtinGuides().compile(guide.id, version);
      expect(compiled.problems, `${set} ${version}`).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Hand-written documents of each set (typical retail, warehouse and transport usage) validate in both versions.

/** Transaction set bodies, segments between ST and SE, with `*` between elements and `>` between components. */
const SAMPLES: Record<string, readonly string[]> = {
  "850": [
    "BEG*00*SA*PO12345**20251125",
    "CUR*BY*USD",
    "REF*DP*038",
    "PER*BD*JANE BUYER*TE*5555551212",
    "FOB*PP",
    "ITD*14*3*2**30**60",
    "DTM*002*20251201",
    "TD5*O*2*UPSN*M*UPS GROUND",
    "N9*L1*SPECIAL INSTRUCTIONS",
    "MSG*DELIVER TO DOCK 4",
    "N1*ST*STORE 42*92*0042",
    "N3*100 MAIN ST",
    "N4*SPRINGFIELD*IL*62701*US",
    "PO1*1*12*EA*9.99*PE*UP*012345678905*VN*ABC-1",
    "CTP**RES*19.99",
    "PID*F****BLUE WIDGET",
    "PO4*6*1*EA",
    "SDQ*EA*92*0042*6*0043*6",
    "DTM*002*20251201",
    "PO1*2*24*CA*45.00**UP*012345678912",
    "PID*F****RED WIDGET",
    "CTT*2*36",
    "AMT*TT*1199.88",
  ],
  "855": [
    "BAK*00*AC*PO12345*20251125****SO998877*20251126",
    "REF*VR*V100",
    "N1*ST*STORE 42*92*0042",
    "PO1*1*12*EA*9.99**UP*012345678905*VN*ABC-1",
    "PID*F****BLUE WIDGET",
    "ACK*IA*12*EA*068*20251201",
    "PO1*2*24*CA*45.00**UP*012345678912",
    "ACK*IB*24*CA*068*20251205",
    "DTM*067*20251205",
    "CTT*2*36",
  ],
  "810": [
    "BIG*20251201*INV0001*20251125*PO12345",
    "REF*IA*V100",
    "N1*RE*ACME SUPPLY*92*V100",
    "N3*1 FACTORY RD",
    "N4*DAYTON*OH*45402*US",
    "N1*ST*STORE 42*92*0042",
    "ITD*01*3*2**10**30",
    "DTM*011*20251201",
    "FOB*PP",
    "IT1*1*12*EA*9.99**UP*012345678905*VN*ABC-1",
    "PID*F****BLUE WIDGET",
    "IT1*2*24*CA*45.00**UP*012345678912",
    "TDS*119988",
    "CAD*M***UPSN*UPS GROUND",
    "SAC*C*D240***1500",
    "ISS*36*EA",
    "CTT*2",
  ],
  "856": [
    "BSN*00*SHIP0001*20251126*1430*0001",
    "DTM*011*20251126*1430",
    "HL*1**S",
    "TD1*CTN25*2****G*30*LB",
    "TD5*B*2*UPSN*M*UPS GROUND",
    "REF*BM*BOL123",
    "N1*ST*STORE 42*92*0042",
    "N1*SF*ACME SUPPLY*92*V100",
    "HL*2*1*O",
    "PRF*PO12345***20251125",
    "HL*3*2*P",
    "MAN*GM*00000123450000000017",
    "HL*4*3*I",
    "LIN**UP*012345678905*VN*ABC-1",
    "SN1**12*EA",
    "PID*F****BLUE WIDGET",
    "HL*5*2*P",
    "MAN*GM*00000123450000000024",
    "HL*6*5*I",
    "LIN**UP*012345678912",
    "SN1**24*CA",
    "CTT*6",
  ],
  "860": [
    "BCH*04*SA*PO12345**1*20251125",
    "REF*DP*038",
    "DTM*002*20251205",
    "N1*ST*STORE 42*92*0042",
    "POC*1*QD*12*6*EA*9.99**UP*012345678905",
    "PID*F****BLUE WIDGET",
    "POC*2*DI*24*0*CA*45.00**UP*012345678912",
    "CTT*2",
  ],
  "865": [
    "BCA*01*AC*PO12345**1*20251125",
    "DTM*068*20251205",
    "N1*ST*STORE 42*92*0042",
    "POC*1*AI*12*0*EA*9.99**UP*012345678905",
    "ACK*IA*12*EA*068*20251205",
    "CTT*1",
  ],
  "846": [
    "BIA*00*DD*INV20251125*20251125",
    "DTM*405*20251125",
    "N1*SU*ACME SUPPLY*92*V100",
    "LIN**UP*012345678905*VN*ABC-1",
    "PID*F****BLUE WIDGET",
    "CTP**UCP*9.99",
    "QTY*33*480*EA",
    "SCH*120*EA***018*20251215",
    "LIN**UP*012345678912",
    "QTY*33*0*CA",
    "CTT*2*480",
  ],
  "852": [
    "XQ*H*20251117*20251123",
    "N9*IA*V100",
    "N1*RL*STORE 42*92*0042",
    "LIN**UP*012345678905",
    "ZA*QS*12*EA",
    "ZA*QA*30*EA",
    "LIN**UP*012345678912",
    "ZA*QS*3*CA",
    "CTT*2",
  ],
  "820": [
    "BPR*C*1199.88*C*ACH*CTX*01*021000021*DA*123456789*1234567890**01*071000013*DA*987654321*20251201",
    "TRN*1*CHK0001*1234567890",
    "REF*VR*V100",
    "DTM*097*20251201",
    "N1*PR*RETAIL BUYER INC*92*B100",
    "N1*PE*ACME SUPPLY*92*V100",
    "ENT*1",
    "RMR*IV*INV0001*PI*1199.88*1199.88",
    "REF*PO*PO12345",
    "DTM*003*20251201",
    "ADX*-10.00*01*IV*INV0001",
  ],
  "824": [
    "BGN*00*AA0001*20251201*1200",
    "N1*SU*ACME SUPPLY*92*V100",
    "OTI*TR*IV*INV0001*SENDERAPP*RECVAPP*20251201*1200*1*0001*810*004010",
    "REF*PO*PO12345",
    "TED*012*PRICE DOES NOT MATCH*IT1*5*4**9.99*8.99",
    "NTE**EXPECTED PRICE 8.99",
  ],
  "940": [
    "W05*N*ORD0001*PO12345",
    "N1*ST*STORE 42*92*0042",
    "N3*100 MAIN ST",
    "N4*SPRINGFIELD*IL*62701*US",
    "N9*PO*PO12345",
    "G62*10*20251201",
    "W66*PP*M***UPS GROUND*****UPSN",
    "LX*1",
    "W01*12*EA*012345678905*VN*ABC-1",
    "G69*BLUE WIDGET",
    "W76*12",
  ],
  "945": [
    "W06*N*ORD0001*20251202*SHIP0001**PO12345",
    "N1*ST*STORE 42*92*0042",
    "G62*11*20251202",
    "W27*M*UPSN*UPS GROUND",
    "LX*1",
    "W12*CC*12*12**EA*012345678905*VN*ABC-1",
    "W03*12*30*01",
  ],
  "943": [
    "W06*J*ORD0002*20251202*SHIP0002",
    "N1*ST*DC 7*92*0007",
    "G62*11*20251202",
    "W27*M*UPSN",
    "W04*12*CA*012345678905*VN*ABC-1",
    "W03*12*30*01",
  ],
  "944": [
    "W17*F*20251204*RCV0002*ORD0002*SHIP0002",
    "N1*WH*DC 7*92*0007",
    "LX*1",
    "W07*12*CA*012345678905*VN*ABC-1",
    "W14*12",
  ],
  "204": [
    "B2**UPSN**SHIP0003**PP",
    "B2A*00*LT",
    "L11*PO12345*PO",
    "G62*64*20251201*1*0800",
    "N1*BT*RETAIL BUYER INC*93*B100",
    "N3*PO BOX 1",
    "N4*CHICAGO*IL*60601*US",
    "S5*1*LD*1000*L*10*CT",
    "L11*PO12345*PO",
    "G62*69*20251202*I*0900",
    "N1*SH*ACME SUPPLY*93*V100",
    "N3*1 FACTORY RD",
    "N4*DAYTON*OH*45402*US",
    "S5*2*UL*1000*L*10*CT",
    "G62*70*20251203*K*1700",
    "N1*CN*STORE 42*93*0042",
    "N3*100 MAIN ST",
    "N4*SPRINGFIELD*IL*62701*US",
    "L3*1000*G***125000",
  ],
  "210": [
    "B3**INV0002*SHIP0003*PP**20251205*125000****UPSN",
    "C3*USD",
    "N9*BM*BOL123",
    "G62*86*20251203",
    "N1*SH*ACME SUPPLY*93*V100",
    "N4*DAYTON*OH*45402",
    "N1*CN*STORE 42*93*0042",
    "N4*SPRINGFIELD*IL*62701",
    "LX*1",
    "L5*1*WIDGETS*156600*N",
    "L0*1***1000*G***10*CTN",
    "L1*1*1.25*PH*125000",
    "L3*1000*G***125000",
  ],
  "214": [
    "B10*INV0002*SHIP0003*UPSN",
    "L11*PO12345*PO",
    "N1*SH*ACME SUPPLY*93*V100",
    "N4*DAYTON*OH*45402",
    "LX*1",
    "AT7*X6*NS***20251202*1200*ET",
    "MS1*COLUMBUS*OH*US",
    "MS2*UPSN*TRAILER1",
    "AT8*G*L*1000*10",
  ],
  "990": ["B1*UPSN*SHIP0003*20251201*A", "N9*CN*PRO123"],
  "997": [
    "AK1*PO*1",
    "AK2*850*0001",
    "AK5*A",
    "AK2*850*0002",
    "AK3*PO1*5**8",
    "AK4*2*330*4*ABC",
    "AK5*R*5",
    "AK9*P*2*2*1",
  ],
  "999": [
    "AK1*PO*1*005010",
    "AK2*850*0001",
    "IK5*A",
    "AK2*850*0002",
    "IK3*PO1*5**8",
    "CTX*PO101>1",
    "IK4*2*330*4*ABC",
    "IK5*R*5",
    "AK9*P*2*2*1",
  ],
};

/** One interchange holding one group with one set of `body` segments, counts and control numbers right. */
function interchange(set: string, version: string, body: readonly string[]): Uint8Array {
  const fg = guides.get(set)?.functionalGroup ?? "ZZ";
  const v5 = version === "005010";
  const isa = [
    "ISA",
    "00",
    " ".repeat(10),
    "00",
    " ".repeat(10),
    "ZZ",
    "SENDER".padEnd(15),
    "ZZ",
    "RECEIVER".padEnd(15),
    "251125",
    "1200",
    v5 ? "^" : "U",
    v5 ? "00501" : "00401",
    "000000001",
    "0",
    "P",
    ">",
  ].join("*");
  const segments = [`ST*${set}*0001`, ...body];
  return new TextEncoder().encode(
    [
      isa,
      `GS*${fg}*SENDER*RECEIVER*20251125*1200*1*X*${version}`,
      ...segments,
      `SE*${segments.length + 1}*0001`,
      "GE*1*1",
      "IEA*1*000000001",
      "",
    ].join("~\n"),
  );
}

function allFindings(bytes: Uint8Array): string[] {
  const result = validateInterchanges(bytes, builtinGuides());
  const guidesUsed = result.reports.flatMap((r) => r.groups.flatMap((g) => g.sets.map((s) => s.guide)));
  return [...result.findings.map((f) => `${f.code}: ${f.message}`), ...guidesUsed.map((g) => `guide ${g}`)];
}

describe("X12 guides accept typical documents of every set", () => {
  const cases = SETS.flatMap((set) => (guides.get(set)?.versions ?? []).map((v) => [set, v] as const));
  it.each(cases)("%s %s", (set, version) => {
    const body = SAMPLES[set];
    expect(body, `a sample ${set}`).toBeDefined();
    expect(allFindings(interchange(set, version, body ?? []))).toEqual([`guide x12-${set}`]);
  });
});

describe("X12 guides find what is wrong", () => {
  const codes = (set: string, version: string, body: readonly string[]) =>
    validateInterchanges(interchange(set, version, body), builtinGuides()).findings.map((f) => f.code);
  const replace = (set: string, from: string, to: string | null) =>
    (SAMPLES[set] ?? []).flatMap((s) => (s === from ? (to === null ? [] : [to]) : [s]));

  it("a purchase order without BEG", () => {
    expect(codes("850", "004010", replace("850", "BEG*00*SA*PO12345**20251125", null))).toContain(
      "EDI_SEGMENT_MISSING",
    );
  });

  it("an 856 whose HL names a parent that does not exist", () => {
    expect(codes("856", "004010", replace("856", "HL*4*3*I", "HL*4*9*I"))).toContain(
      "EDI_HL_HIERARCHY_INVALID",
    );
  });

  it("a 997 with a transaction set acknowledgment code outside the standard list", () => {
    expect(codes("997", "004010", replace("997", "AK5*A", "AK5*Q"))).toContain("EDI_ELEMENT_INVALID_CODE");
  });

  it("a 997 answering a group of a version without a dictionary (003050, 004060) is still checked", () => {
    for (const version of ["003050", "004060"]) {
      expect(codes("997", version, replace("997", "AK5*A", "AK5*Q"))).toEqual(["EDI_ELEMENT_INVALID_CODE"]);
      expect(codes("997", version, replace("997", "AK1*PO*1", null))).toContain("EDI_SEGMENT_MISSING");
    }
  });

  it("PO1 with a product qualifier but no product id breaks the pair rule", () => {
    const po1 = "PO1*2*24*CA*45.00**UP*012345678912";
    expect(codes("850", "005010", replace("850", po1, "PO1*2*24*CA*45.00**UP"))).toContain(
      "EDI_ELEMENT_CONDITION_MISSING",
    );
  });

  it("REF02 of 40 characters: too long in 004010, allowed in 005010", () => {
    const ref = `REF*DP*${"1".repeat(40)}`;
    expect(codes("850", "004010", replace("850", "REF*DP*038", ref))).toContain("EDI_ELEMENT_TOO_LONG");
    expect(codes("850", "005010", replace("850", "REF*DP*038", ref))).toEqual([]);
  });

  it("N407 (country subdivision) exists in 005010 only", () => {
    const withSubdivision = "N4*TORONTO**M5V 2T6*CA***ON";
    expect(codes("850", "005010", replace("850", "N4*SPRINGFIELD*IL*62701*US", withSubdivision))).toEqual([]);
    expect(codes("850", "004010", replace("850", "N4*SPRINGFIELD*IL*62701*US", withSubdivision))).toContain(
      "EDI_ELEMENT_TOO_MANY",
    );
  });

  it("a 4010 date written with six digits", () => {
    expect(codes("810", "004010", replace("810", "DTM*011*20251201", "DTM*011*251201"))).toContain(
      "EDI_ELEMENT_TOO_SHORT",
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The public conformance corpus: every sound file whose sets these guides cover validates without findings.

interface ManifestEntry {
  readonly file: string;
  readonly std: string;
  readonly negative: boolean;
  readonly note?: string;
  readonly analysis?: { readonly txn?: readonly string[] | null };
}

/**
 * Files the manifest does not mark as faulty but which do not follow the standard they declare; each reason
 * is a fact about the file, checked against the published segment definitions. They are validated too, and
 * must produce findings (so the list stays honest when the corpus or the guides change).
 */
const UNSOUND: Record<string, string> = {
  "oop__Acknowledgments__999_DHS_Wisconsin_Sample.txt":
    "AK202 '002' is shorter than a set control number (DE 329 is AN 4/9)",
  "oop__ORD__846_Example2.txt":
    "segment terminators missing in two places (REF*ZZ*ASIAQTY*17*…, QTY*17*7280*FTCTT*5): QTY03 holds 'FTCTT'",
  "oop__ORD__850_Example4_Adobe_ShrinkWrapped.txt":
    "the segment terminator (a line break) also occurs inside names and addresses, so segments such as 'Org' appear",
  "oop__ORD__820_Example2_ScanaEnergy.txt":
    "elements end in trailing spaces (DTM04 'ET    ', BPR16 '20030101 '); BPR11 'xxxx' is shorter than DE 510's 9",
  "oop__ORD__820_Example5_Wikipedia.txt":
    "BPR10-14 are shifted (BPR10 has 9 characters where DE 509 has 10), trailing spaces, 6-digit dates in 004010",
  "oop__FIN__824_FromTmhpSpec.txt":
    "OTI04 'InformationSource' exceeds AN 2/15, OTI06 uses 6-digit dates, OTI elements shifted in a 005010 set",
  "oop__TAM__210_DBSchenker_SampleMotorFreightDetailsAndInvoice.txt":
    "N3 carries four elements (N3 has two), B2A is not a 210 segment, 6-digit dates",
  "bal__edi-vendor-router_sample-data_x12-sender.edi":
    "PO106 'SKU-A' is not a 2-character qualifier and PO107 is missing",
  "edn__x12.Issue172.edi": "segments AA and BB are not X12 segments of an 850",
  "sta__extraDelimiter997.edi":
    "a parser test: AK302 and AK304 carry repetitions ('AK302-R1^…') where the standard has numbers and codes",
};

function manifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(`${conformance}manifest.json`, "utf8")) as ManifestEntry[];
}

function guideFindings(file: string): { covered: number; findings: string[] } {
  const bytes = readFileSync(`${conformance}x12/${file}`);
  const result = validateInterchanges(new Uint8Array(bytes), builtinGuides());
  let covered = 0;
  const findings: string[] = [];
  for (const report of result.reports)
    for (const group of report.groups)
      for (const set of group.sets) {
        if (set.guide === null || !set.guide.startsWith("x12-")) continue;
        covered++;
        for (const seg of set.segments) {
          for (const e of seg.errors)
            findings.push(`${set.set.id} ${seg.tag}@${seg.position} ${e.code}: ${e.message}`);
          for (const el of seg.elements)
            findings.push(
              `${set.set.id} ${seg.tag}@${seg.position}-${el.element} ${el.error.code}: ${el.error.message}`,
            );
        }
        for (const e of set.faults) findings.push(`${set.set.id} ${e.code}: ${e.message}`);
      }
  return { covered, findings };
}

/** Faults the reader finds in envelopes and counts, which guides neither cause nor cure. */
const ENVELOPE = /SE01|SE02|GE0|IEA0|COUNT|CONTROL|ENVELOPE|TRAILER|MISMATCH/i;

describe.skipIf(!haveCorpus)("X12 guides over the public conformance corpus", () => {
  const entries = haveCorpus
    ? manifest().filter(
        (e) => e.std === "x12" && !e.negative && (e.analysis?.txn ?? []).some((t) => SETS.includes(t)),
      )
    : [];

  it.each(entries.filter((e) => !(e.file in UNSOUND)).map((e) => e.file))("%s validates cleanly", (file) => {
    const { findings } = guideFindings(file);
    expect(findings.filter((f) => !ENVELOPE.test(f.split(":")[0] ?? ""))).toEqual([]);
  });

  it.each(Object.keys(UNSOUND))("%s (unsound: see reason) is flagged", (file) => {
    const { covered, findings } = guideFindings(file);
    if (covered > 0) expect(findings.length, UNSOUND[file]).toBeGreaterThan(0);
  });

  it("the corpus holds files for the most used sets, and the guides are applied to them", () => {
    let covered = 0;
    for (const e of entries) covered += guideFindings(e.file).covered;
    expect(covered).toBeGreaterThan(20);
  });
});

describe.skipIf(haveCorpus)("X12 guides over the public conformance corpus", () => {
  it.skip("skipped: ../shared/conformance is not present on this machine", () => {});
});
