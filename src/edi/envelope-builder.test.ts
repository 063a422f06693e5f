import { describe, expect, it } from "vitest";
import { sequentialControlNumbers } from "./control-numbers.js";
import type { SegmentJson } from "./edi-json.js";
import { readEdiJson } from "./edi-json-reader.js";
import { writeEdi, writeInterchange } from "./edi-writer.js";
import { buildInterchange, type GroupSpec, type SetSpec } from "./envelope-builder.js";
import { readEdi } from "./read-edi.js";

const now = new Date("2024-03-15T09:30:00Z");
const po = (n: number): SetSpec => ({
  id: "850",
  body: [
    ["BEG", "00", "SA", `PO-${n}`, "", "20240315"],
    ["CTT", "1"],
  ],
});
const group = (sets: SetSpec[], id = "PO"): GroupSpec => ({
  id,
  sender: "ACMEAPP",
  receiver: "SHOPAPP",
  version: "005010",
  sets,
});
const sender = { qualifier: "ZZ", id: "ACMEFOODS" };
const receiver = { qualifier: "ZZ", id: "GROCERYCO" };

function tags(segments: SegmentJson[], tag: string): SegmentJson[] {
  return segments.filter((s) => s[0] === tag);
}

describe("buildInterchange: X12", () => {
  const controls = sequentialControlNumbers({ interchange: 41, group: 7, set: 1 });
  const ic = buildInterchange(
    { standard: "x12", sender, receiver, groups: [group([po(1), po(2)]), group([po(3)], "IN")] },
    controls,
    now,
  );

  it("numbers envelopes from the control number source and counts every level", () => {
    expect(ic.segments[0]).toEqual([
      "ISA",
      "00",
      "",
      "00",
      "",
      "ZZ",
      "ACMEFOODS",
      "ZZ",
      "GROCERYCO",
      "240315",
      "0930",
      "^",
      "00501",
      "000000041",
      "0",
      "P",
      ":",
    ]);
    expect(tags(ic.segments, "GS").map((s) => [s[1], s[4], s[5], s[6], s[8]])).toEqual([
      ["PO", "20240315", "0930", "7", "005010"],
      ["IN", "20240315", "0930", "8", "005010"],
    ]);
    expect(tags(ic.segments, "ST").map((s) => s[2])).toEqual(["0001", "0002", "0003"]);
    expect(tags(ic.segments, "SE")).toEqual([
      ["SE", "4", "0001"],
      ["SE", "4", "0002"],
      ["SE", "4", "0003"],
    ]);
    expect(tags(ic.segments, "GE")).toEqual([
      ["GE", "2", "7"],
      ["GE", "1", "8"],
    ]);
    expect(ic.segments.at(-1)).toEqual(["IEA", "2", "000000041"]);
  });

  it("writes an interchange that reads back without errors, with the facts it was built from", () => {
    const { interchanges, errors } = readEdi(writeInterchange(ic));
    expect(errors).toEqual([]);
    expect(interchanges[0]).toMatchObject({
      sender,
      receiver,
      control: "000000041",
      version: "00501",
      test: false,
      ackRequested: false,
    });
    expect(interchanges[0]?.groups.map((g) => g.sets.length)).toEqual([2, 1]);
  });

  it("sets ISA14, ISA15, ISA11 by version, and the delimiters asked for", () => {
    const built = buildInterchange(
      {
        standard: "x12",
        sender,
        receiver,
        version: "00401",
        test: true,
        ackRequested: true,
        lineBreak: "\n",
        delimiters: {
          element: "|",
          component: ">",
          repetition: null,
          segment: "!",
          release: null,
          decimal: null,
        },
        groups: [group([po(1)])],
      },
      sequentialControlNumbers(),
      now,
    );
    const bytes = writeInterchange(built);
    expect(bytes.toString("latin1")).toMatch(/^ISA\|.*\|U\|00401\|000000001\|1\|T\|>!\nGS\|/);
    const { interchanges, errors } = readEdi(bytes);
    expect(errors).toEqual([]);
    expect(interchanges[0]).toMatchObject({ test: true, ackRequested: true, version: "00401" });
  });

  it("gives the delimiters its bytes are read with: no repetition separator before 00402", () => {
    const built = buildInterchange(
      {
        standard: "x12",
        sender,
        receiver,
        version: "00401",
        groups: [group([{ id: "271", body: [["EB", { repeats: ["1", "2"] }]] }])],
      },
      sequentialControlNumbers(),
      now,
    );
    expect(built.delimiters.repetition).toBeNull();
    expect(() => writeEdi([built])).toThrow(expect.objectContaining({ code: "EDI_WRITE_DELIMITER_IN_DATA" }));
  });

  it("writes an interchange with no groups", () => {
    const built = buildInterchange({ standard: "x12", sender, receiver }, sequentialControlNumbers(), now);
    expect(readEdi(writeInterchange(built)).errors).toEqual([]);
    expect(built.segments.at(-1)).toEqual(["IEA", "0", "000000001"]);
  });
});

describe("buildInterchange: EDIFACT", () => {
  const message = (n: number, type = "ORDERS"): SetSpec => ({
    id: type,
    body: [["BGM", "220", `PO-${n}`, "9"]],
  });
  const ean = { qualifier: "14", id: "5412345000013" };

  it("messages without groups: UNT counts segments, UNZ counts messages", () => {
    const ic = buildInterchange(
      {
        standard: "edifact",
        sender: ean,
        receiver: { qualifier: "", id: "SHOP" },
        messages: [message(1), message(2)],
      },
      sequentialControlNumbers({ interchange: 900 }),
      now,
    );
    expect(ic.segments[0]).toEqual([
      "UNB",
      ["UNOC", "4"],
      ["5412345000013", "14"],
      "SHOP",
      ["240315", "0930"],
      "900",
    ]);
    expect(tags(ic.segments, "UNH")).toEqual([
      ["UNH", "1", ["ORDERS", "D", "96A", "UN"]],
      ["UNH", "2", ["ORDERS", "D", "96A", "UN"]],
    ]);
    expect(tags(ic.segments, "UNT")).toEqual([
      ["UNT", "3", "1"],
      ["UNT", "3", "2"],
    ]);
    expect(ic.segments.at(-1)).toEqual(["UNZ", "2", "900"]);
    const { interchanges, errors } = readEdi(writeInterchange(ic));
    expect(errors).toEqual([]);
    expect(interchanges[0]).toMatchObject({ control: "900", version: "4", syntaxId: "UNOC", sender: ean });
  });

  it("groups: UNE counts messages, UNZ counts groups, references come from the source", () => {
    const ic = buildInterchange(
      {
        standard: "edifact",
        sender: ean,
        receiver: ean,
        version: "3",
        syntaxId: "UNOA",
        groups: [
          {
            id: "ORDERS",
            sender: "APP1",
            receiver: "APP2",
            version: "D:96A",
            sets: [message(1), message(2)],
          },
          {
            id: "INVOIC",
            sender: "APP1",
            receiver: "APP2",
            version: "D:96A",
            sets: [{ ...message(3, "INVOIC"), version: "D:01B:UN" }],
          },
        ],
      },
      sequentialControlNumbers({ group: 20 }),
      now,
    );
    expect(tags(ic.segments, "UNE")).toEqual([
      ["UNE", "2", "20"],
      ["UNE", "1", "21"],
    ]);
    expect(ic.segments.at(-1)).toEqual(["UNZ", "2", "1"]);
    expect(ic.delimiters.repetition).toBeNull();
    const { interchanges, errors } = readEdi(writeInterchange(ic));
    expect(errors).toEqual([]);
    expect(interchanges[0]?.groups.map((g) => [g.id, g.control, g.sender, g.version, g.setCount])).toEqual([
      ["ORDERS", "20", "APP1", "D:96A", 2],
      ["INVOIC", "21", "APP1", "D:96A", 1],
    ]);
    expect(interchanges[0]?.groups[1]?.sets[0]).toMatchObject({
      id: "INVOIC",
      control: "3",
      version: "D:01B:UN",
    });
  });

  it("sets the acknowledgment request and test indicator in UNB", () => {
    const ic = buildInterchange(
      {
        standard: "edifact",
        sender: ean,
        receiver: ean,
        ackRequested: true,
        test: true,
        messages: [message(1)],
      },
      sequentialControlNumbers(),
      now,
    );
    const { interchanges, errors } = readEdi(writeInterchange(ic));
    expect(errors).toEqual([]);
    expect(interchanges[0]).toMatchObject({ ackRequested: true, test: true });
  });

  it("writes a UNA when it is given delimiters, and the data reads back", () => {
    const ic = buildInterchange(
      {
        standard: "edifact",
        sender: ean,
        receiver: ean,
        version: "3",
        delimiters: {
          component: ">",
          element: "|",
          decimal: ",",
          release: "/",
          repetition: null,
          segment: "!",
        },
        messages: [{ id: "ORDERS", body: [["FTX", "AAI", "", "", "A|B>C!D/E"]] }],
      },
      sequentialControlNumbers(),
      now,
    );
    const bytes = writeEdi([ic]);
    expect(bytes.toString("latin1")).toMatch(/^UNA>\|,\/ !UNB\|UNOC>3\|/);
    const back = readEdiJson(bytes);
    expect(back.errors).toEqual([]);
    expect(back.interchanges[0]?.segments).toEqual(ic.segments);
  });
});

describe("sequentialControlNumbers", () => {
  it("counts each level on its own, from 1 or from the given start", () => {
    const c = sequentialControlNumbers({ set: 10 });
    expect([
      c.next("interchange"),
      c.next("set"),
      c.next("set"),
      c.next("group"),
      c.next("interchange"),
    ]).toEqual([1, 10, 11, 1, 2]);
  });
});
