import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Delimiters, edifactDefaultDelimiters } from "./delimiters.js";
import type { ElementValue, InterchangeJson, SegmentJson } from "./edi-json.js";
import { readEdiJson } from "./edi-json-reader.js";
import { writeEdi } from "./edi-writer.js";

/** Punctuation that may serve as a delimiter; it also appears in data, where EDIFACT must escape it. */
const punctuation = [..."*:^~|!>{}\\#@%&+=;<`$'?_"];
const alphabet = [
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -./,()",
  "é",
  "Ü",
  "€",
  ...punctuation,
];
const runs = { numRuns: 200, seed: 20240315 };

const text = (maxLength = 6): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
const word = (pattern: RegExp): fc.Arbitrary<string> => fc.stringMatching(pattern);

function elementValue(repetition: boolean): fc.Arbitrary<ElementValue> {
  const components = fc.array(text(), { minLength: 2, maxLength: 3 });
  const repeats = fc
    .array(fc.oneof(text(), components), { minLength: 2, maxLength: 3 })
    .map((r) => ({ repeats: r }));
  return repetition
    ? fc.oneof(
        { arbitrary: text(), weight: 4 },
        { arbitrary: components, weight: 1 },
        { arbitrary: repeats, weight: 1 },
      )
    : fc.oneof({ arbitrary: text(), weight: 4 }, { arbitrary: components, weight: 1 });
}

function body(tag: fc.Arbitrary<string>, repetition: boolean): fc.Arbitrary<SegmentJson[]> {
  const segment = fc
    .tuple(tag, fc.array(elementValue(repetition), { maxLength: 5 }))
    .map(([t, els]): SegmentJson => [t, ...els]);
  return fc.array(segment, { maxLength: 4 });
}

/** Removes characters a value cannot hold in X12, which has no release character. */
function withoutDelimiters(segment: SegmentJson, d: Delimiters): SegmentJson {
  const banned = [d.element, d.component, d.segment, d.repetition].filter((c): c is string => c !== null);
  const clean = (s: string): string => [...s].filter((ch) => !banned.includes(ch)).join("");
  const value = (v: ElementValue): ElementValue =>
    typeof v === "string"
      ? clean(v)
      : Array.isArray(v)
        ? v.map(clean)
        : { repeats: v.repeats.map((r) => (typeof r === "string" ? clean(r) : r.map(clean))) };
  const [tag, ...elements] = segment;
  return [tag, ...elements.map(value)];
}

/** Envelope and binary tags, and the tags that start an interchange of either standard. */
const x12Reserved = new Set(["ISA", "IEA", "GS", "GE", "ST", "SE", "TA1", "BIN", "BDS", "UNA", "UNB"]);

const x12Interchange: fc.Arbitrary<InterchangeJson> = fc
  .record({
    chars: fc.shuffledSubarray(punctuation, { minLength: 4, maxLength: 4 }),
    terminator: fc.constantFrom("char", "char", "\n", "\r"),
    lineBreak: fc.constantFrom("", "\n", "\r\n"),
    version: fc.constantFrom("00401", "00501"),
    sender: word(/^[A-Z0-9]{1,15}$/),
    receiver: word(/^[A-Z0-9]{1,15}$/),
    control: fc.integer({ min: 0, max: 999_999_999 }),
    flags: fc.tuple(fc.constantFrom("0", "1"), fc.constantFrom("P", "T")),
    groups: fc.array(
      fc.record({
        id: word(/^[A-Z]{2}$/),
        sets: fc.array(fc.tuple(word(/^\d{3}$/), body(word(/^[A-Z][A-Z0-9]{1,2}$/), true)), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g): InterchangeJson => {
    const [element, component, rep, char] = g.chars as [string, string, string, string];
    const segment = g.terminator === "char" ? char : g.terminator;
    const repetition = g.version === "00501" ? rep : null;
    const delimiters: Delimiters = { element, component, repetition, segment, release: null, decimal: null };
    const icn = String(g.control).padStart(9, "0");
    const segments: SegmentJson[] = [
      [
        "ISA",
        "00",
        " ".repeat(10),
        "00",
        " ".repeat(10),
        "ZZ",
        g.sender.padEnd(15),
        "ZZ",
        g.receiver.padEnd(15),
        "240315",
        "0930",
        repetition ?? "U",
        g.version,
        icn,
        ...g.flags,
        component,
      ],
    ];
    g.groups.forEach((group, gi) => {
      segments.push(["GS", group.id, "APP1", "APP2", "20240315", "0930", String(gi + 1), "X", "005010"]);
      group.sets.forEach(([id, setBody], si) => {
        const control = String(si + 1).padStart(4, "0");
        const content = setBody
          .filter(([tag]) => !x12Reserved.has(tag))
          .map((s) => withoutDelimiters(repetition === null ? flattenRepeats(s) : s, delimiters));
        segments.push(["ST", id, control], ...content, ["SE", String(content.length + 2), control]);
      });
      segments.push(["GE", String(group.sets.length), String(gi + 1)]);
    });
    segments.push(["IEA", String(g.groups.length), icn]);
    const lineBreak =
      segment === "\n" ? "" : segment === "\r" ? (g.lineBreak === "\r\n" ? "\n" : g.lineBreak) : g.lineBreak;
    return {
      standard: "x12",
      delimiters,
      serviceStringAdvice: false,
      encoding: "utf-8",
      lineBreak,
      segments,
    };
  });

function flattenRepeats(segment: SegmentJson): SegmentJson {
  const [tag, ...elements] = segment;
  return [
    tag,
    ...elements.map((v) => (typeof v === "string" || Array.isArray(v) ? v : (v.repeats[0] ?? ""))),
  ];
}

const edifactInterchange: fc.Arbitrary<InterchangeJson> = fc
  .record({
    defaults: fc.boolean(),
    chars: fc.shuffledSubarray(punctuation, { minLength: 5, maxLength: 5 }),
    withRepetition: fc.boolean(),
    decimal: fc.constantFrom(".", ","),
    version: fc.constantFrom("3", "4"),
    advice: fc.boolean(),
    lineBreak: fc.constantFrom("", "\n", "\r\n"),
    reference: word(/^[A-Z0-9]{1,14}$/),
    grouped: fc.boolean(),
    groups: fc.array(fc.array(body(word(/^[A-Z]{3}$/), true), { maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
  })
  .map((g): InterchangeJson => {
    const [component, element, release, segment, rep] = g.chars as [string, string, string, string, string];
    const delimiters: Delimiters = g.defaults
      ? { ...edifactDefaultDelimiters, repetition: g.version === "4" ? "*" : null }
      : {
          component,
          element,
          release,
          segment,
          decimal: g.decimal,
          repetition: g.withRepetition ? rep : null,
        };
    const serviceStringAdvice = g.defaults ? g.advice : true;
    const segments: SegmentJson[] = [
      ["UNB", ["UNOC", g.version], ["SENDER", "14"], ["RECEIVER", "ZZ"], ["240315", "0930"], g.reference],
    ];
    let message = 0;
    const messages = (list: SegmentJson[][]): void => {
      for (const content of list) {
        const ref = String(++message);
        const kept = content
          .filter(([tag]) => !tag.startsWith("UN") && tag !== "ISA")
          .map((s) => (delimiters.repetition === null ? flattenRepeats(s) : s));
        segments.push(["UNH", ref, ["ORDERS", "D", "96A", "UN"]], ...kept, [
          "UNT",
          String(kept.length + 2),
          ref,
        ]);
      }
    };
    if (g.grouped) {
      g.groups.forEach((list, gi) => {
        segments.push(["UNG", "ORDERS", "APP1", "APP2", ["240315", "0930"], `G${gi}`, "UN", ["D", "96A"]]);
        messages(list);
        segments.push(["UNE", String(list.length), `G${gi}`]);
      });
    } else {
      messages(g.groups.flat());
    }
    segments.push(["UNZ", String(g.grouped ? g.groups.length : message), g.reference]);
    return {
      standard: "edifact",
      delimiters,
      serviceStringAdvice,
      encoding: "utf-8",
      lineBreak: g.lineBreak,
      segments,
    };
  });

function roundTrip(ic: InterchangeJson): void {
  const { interchanges, errors } = readEdiJson(writeEdi([ic]));
  expect(errors).toEqual([]);
  expect(interchanges).toEqual([ic]);
}

describe("readEdiJson(writeEdi([x])) gives x back", () => {
  it("X12 with random delimiters, components and repetitions", () => {
    fc.assert(fc.property(x12Interchange, roundTrip), runs);
  });

  it("EDIFACT with random UNA delimiters, escaped values, groups or messages", () => {
    fc.assert(fc.property(edifactInterchange, roundTrip), runs);
  });

  it("X12 re-delimited in one call keeps every segment after ISA", () => {
    const other = fc.shuffledSubarray(punctuation, { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(x12Interchange, other, (ic, [element, component, repetition, segment]) => {
        const target = {
          element,
          component,
          segment,
          repetition: ic.delimiters.repetition === null ? null : repetition,
        } as Delimiters;
        const clean = {
          ...ic,
          segments: ic.segments.map((s, i) => (i === 0 ? s : withoutDelimiters(s, target))),
        };
        const { interchanges, errors } = readEdiJson(writeEdi([clean], { delimiters: target }));
        expect(errors).toEqual([]);
        expect(interchanges[0]?.delimiters).toMatchObject(target);
        expect(interchanges[0]?.segments.slice(1)).toEqual(clean.segments.slice(1));
      }),
      runs,
    );
  });
});
