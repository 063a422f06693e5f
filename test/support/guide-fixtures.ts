import type {
  DictionaryEntry,
  ElementRequirement,
  ElementType,
  GuideInput,
  SimpleElementDef,
} from "../../src/edi/guides/guide-types.js";

/*
 * A small X12 850 and EDIFACT ORDERS guide for the engine's own tests, written from the public segment
 * layouts; the shipped guides live under data/. Element 127 of REF repeats up to twice here so that the
 * repetition checks have something to bite on.
 */

const el = (
  id: string,
  req: ElementRequirement,
  type: ElementType,
  min: number,
  max: number,
  codes?: string[],
): SimpleElementDef => ({ id, req, type, min, max, ...(codes === undefined ? {} : { codes }) });

export const x12TestDictionary: DictionaryEntry = {
  standard: "x12",
  version: "004010",
  dictionary: {
    segments: {
      ST: { elements: [el("143", "M", "ID", 3, 3), el("329", "M", "AN", 4, 9)] },
      SE: { elements: [el("96", "M", "N0", 1, 10), el("329", "M", "AN", 4, 9)] },
      BEG: {
        elements: [
          el("353", "M", "ID", 2, 2, ["00", "05", "07"]),
          el("92", "M", "ID", 2, 2, ["SA", "NE", "RL"]),
          el("324", "M", "AN", 1, 22),
          el("328", "O", "AN", 1, 30),
          el("373", "M", "DT", 8, 8),
        ],
      },
      REF: {
        elements: [
          el("128", "M", "ID", 2, 3),
          { ...el("127", "X", "AN", 1, 30), repeat: 2 },
          el("352", "X", "AN", 1, 80),
        ],
        syntax: ["R0203"],
      },
      DTM: {
        elements: [
          el("374", "M", "ID", 3, 3, ["002", "010", "037"]),
          el("373", "X", "DT", 8, 8),
          el("337", "X", "TM", 4, 8),
        ],
        syntax: ["R0203", "C0302"],
      },
      N1: {
        elements: [
          el("98", "M", "ID", 2, 3),
          el("93", "X", "AN", 1, 60),
          el("66", "X", "ID", 1, 2),
          el("67", "X", "AN", 2, 80),
        ],
        syntax: ["R0203", "P0304"],
      },
      N3: { elements: [el("166", "M", "AN", 1, 55), el("166", "O", "AN", 1, 55)] },
      PO1: {
        elements: [
          el("350", "O", "AN", 1, 20),
          el("330", "X", "R", 1, 15),
          el("355", "O", "ID", 2, 2, ["CA", "EA"]),
          el("212", "O", "R", 1, 17),
          el("639", "O", "ID", 2, 2),
          el("235", "X", "ID", 2, 2),
          el("234", "X", "AN", 1, 48),
        ],
        syntax: ["P0607", "E0405"],
      },
      PID: {
        elements: [
          el("349", "M", "ID", 1, 1, ["F", "S"]),
          el("750", "O", "ID", 2, 3),
          el("559", "X", "ID", 2, 2),
          el("751", "X", "AN", 1, 12),
          el("352", "X", "AN", 1, 80),
        ],
      },
      CTT: { elements: [el("354", "M", "N0", 1, 6), el("347", "O", "R", 1, 10)] },
      SLN: {
        elements: [
          el("350", "M", "AN", 1, 20),
          {
            id: "C001",
            req: "O",
            components: [
              el("355", "M", "ID", 2, 2, ["CA", "EA"]),
              el("1018", "O", "R", 1, 15),
              el("649", "O", "R", 1, 10),
            ],
            syntax: ["P0203"],
          },
        ],
      },
    },
  },
};

export const x12Test850: GuideInput = {
  id: "test-x12-850",
  standard: "x12",
  versions: ["004010", "005010"],
  set: "850",
  name: "Purchase Order (test)",
  functionalGroup: "PO",
  structure: [
    { seg: "ST", req: "M", max: 1 },
    { seg: "BEG", req: "M", max: 1 },
    { seg: "REF", req: "O", max: 2 },
    { seg: "DTM", req: "O", max: 10 },
    {
      loop: "N1",
      req: "O",
      max: 3,
      body: [
        { seg: "N1", req: "M", max: 1 },
        { seg: "N3", req: "O", max: 2 },
      ],
    },
    {
      loop: "PO1",
      req: "M",
      max: 100,
      body: [
        { seg: "PO1", req: "M", max: 1 },
        { seg: "PID", req: "O", max: 1 },
        { seg: "SLN", req: "O", max: 5 },
      ],
    },
    { seg: "CTT", req: "M", max: 1 },
    { seg: "SE", req: "M", max: 1 },
  ],
};

export const x12Test856: GuideInput = {
  id: "test-x12-856",
  standard: "x12",
  versions: ["004010"],
  set: "856",
  hl: true,
  structure: [
    { seg: "ST", req: "M", max: 1 },
    {
      loop: "HL",
      req: "M",
      max: 1000,
      body: [
        { seg: "HL", req: "M", max: 1 },
        { seg: "REF", req: "O", max: 5 },
      ],
    },
    { seg: "CTT", req: "O", max: 1 },
    { seg: "SE", req: "M", max: 1 },
  ],
  segments: {
    HL: {
      elements: [
        el("628", "M", "AN", 1, 12),
        el("734", "O", "AN", 1, 12),
        el("735", "M", "ID", 1, 2, ["S", "O", "P", "I"]),
      ],
    },
  },
};

/** One interchange around `body` (segments without terminators), with ST/SE and the envelope counted right. */
export function x12Interchange(
  body: readonly string[],
  set = "850",
  version = "004010",
  isa12 = "00401",
): string {
  const seg = [`ST*${set}*0001`, ...body];
  const segments = [...seg, `SE*${seg.length + 1}*0001`];
  return [
    `ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250115*0930*${isa12 === "00501" ? "^" : "U"}*${isa12}*000000101*0*P*:`,
    `GS*${set === "856" ? "SH" : "PO"}*SENDER*RECEIVER*20250115*0930*101*X*${version}`,
    ...segments,
    "GE*1*101",
    "IEA*1*000000101",
  ]
    .join("~\n")
    .concat("~\n");
}

export const goodPo = [
  "BEG*00*SA*PO-4471**20250115",
  "REF*DP*038",
  "DTM*002*20250122",
  "N1*ST*GROCERYMART DC 4*92*0004",
  "N3*1 MAIN ST",
  "PO1*1*24*CA*18.50**UP*012345678905",
  "PID*F****ORGANIC ROLLED OATS",
  "PO1*2*12*CA*22.75**UP*012345678912",
  "CTT*2",
];

export const edifactTestDictionary: DictionaryEntry = {
  standard: "edifact",
  version: "D96A",
  dictionary: {
    segments: {
      UNH: {
        elements: [
          el("0062", "M", "an", 1, 14),
          {
            id: "S009",
            req: "M",
            components: [
              el("0065", "M", "an", 1, 6),
              el("0052", "M", "an", 1, 3),
              el("0054", "M", "an", 1, 3),
              el("0051", "M", "an", 1, 2),
              el("0057", "C", "an", 1, 6),
            ],
          },
        ],
      },
      UNT: { elements: [el("0074", "M", "n", 1, 6), el("0062", "M", "an", 1, 14)] },
      BGM: {
        elements: [
          {
            id: "C002",
            req: "C",
            components: [
              el("1001", "C", "an", 1, 3, ["220", "221", "224"]),
              el("1131", "C", "an", 1, 3),
              el("3055", "C", "an", 1, 3),
              el("1000", "C", "an", 1, 35),
            ],
          },
          el("1004", "C", "an", 1, 35),
          el("1225", "C", "an", 1, 3),
        ],
      },
      DTM: {
        elements: [
          {
            id: "C507",
            req: "M",
            components: [
              el("2005", "M", "an", 1, 3),
              el("2380", "C", "an", 1, 35),
              el("2379", "C", "an", 1, 3),
            ],
          },
        ],
      },
      NAD: {
        elements: [
          el("3035", "M", "an", 1, 3),
          {
            id: "C082",
            req: "C",
            components: [
              el("3039", "M", "an", 1, 35),
              el("1131", "C", "an", 1, 3),
              el("3055", "C", "an", 1, 3),
            ],
          },
        ],
      },
      LIN: {
        elements: [
          el("1082", "C", "n", 1, 6),
          el("1229", "C", "an", 1, 3),
          { id: "C212", req: "C", components: [el("7140", "C", "an", 1, 35), el("7143", "C", "an", 1, 3)] },
        ],
      },
      QTY: {
        elements: [
          {
            id: "C186",
            req: "M",
            components: [
              el("6063", "M", "an", 1, 3),
              el("6060", "M", "n", 1, 15),
              el("6411", "C", "an", 1, 3),
            ],
          },
        ],
      },
      PRI: {
        elements: [
          { id: "C509", req: "C", components: [el("5125", "M", "an", 1, 3), el("5118", "C", "n", 1, 15)] },
        ],
      },
      UNS: { elements: [el("0081", "M", "a", 1, 1, ["D", "S"])] },
      CNT: {
        elements: [
          { id: "C270", req: "M", components: [el("6069", "M", "an", 1, 3), el("6066", "M", "n", 1, 18)] },
        ],
      },
    },
  },
};

export const edifactTestOrders: GuideInput = {
  id: "test-edifact-orders",
  standard: "edifact",
  versions: ["D96A"],
  set: "ORDERS",
  structure: [
    { seg: "UNH", req: "M", max: 1 },
    { seg: "BGM", req: "M", max: 1 },
    { seg: "DTM", req: "M", max: 35 },
    { loop: "SG2", req: "C", max: 99, body: [{ seg: "NAD", req: "M", max: 1 }] },
    {
      loop: "SG25",
      req: "C",
      max: 200000,
      body: [
        { seg: "LIN", req: "M", max: 1 },
        { seg: "QTY", req: "C", max: 99 },
        { loop: "SG28", req: "C", max: 25, body: [{ seg: "PRI", req: "M", max: 1 }] },
      ],
    },
    { seg: "UNS", req: "M", max: 1 },
    { seg: "CNT", req: "C", max: 10 },
    { seg: "UNT", req: "M", max: 1 },
  ],
};

export function edifactInterchange(body: readonly string[]): string {
  const segments = ["UNH+1+ORDERS:D:96A:UN", ...body];
  return [
    "UNA:+.? '",
    "UNB+UNOC:3+5412345000013:14+5498765000012:14+250115:0930+00000042",
    ...segments.map((s) => `${s}'`),
    `UNT+${segments.length + 1}+1'`,
    "UNZ+1+00000042'",
  ]
    .map((s, i) => (i < 2 ? `${s}${i === 1 ? "'" : ""}` : s))
    .join("\n")
    .concat("\n");
}

export const goodOrders = [
  "BGM+220+PO-88213+9",
  "DTM+137:20250115:102",
  "NAD+BY+5412345000013::9",
  "LIN+1++4000862141404:EN",
  "QTY+21:48",
  "PRI+AAA:3.15",
  "UNS+S",
  "CNT+2:1",
];
