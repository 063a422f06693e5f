import { describe, expect, it } from "vitest";
import {
  type Delimiters,
  delimiterBytes,
  edifactDefaultDelimiters,
  x12DefaultDelimiters,
} from "./delimiters.js";
import { SegmentView } from "./segment-view.js";

/** A view over `text` (terminator excluded) placed at `offset` in an imagined input. */
function view(text: string, d: Delimiters, offset = 0, encoding: BufferEncoding = "latin1"): SegmentView {
  const buf = Buffer.from(`..${text}..`, encoding);
  const v = new SegmentView();
  v.load(buf, 2, buf.length - 2, offset, 7, delimiterBytes(d));
  return v;
}

const x12 = (text: string): SegmentView => view(text, x12DefaultDelimiters);
const edifact = (text: string): SegmentView => view(text, edifactDefaultDelimiters);

describe("SegmentView over X12", () => {
  it("splits elements, components and repetitions", () => {
    const v = x12("HI*ABK:J449^ABF:E119*BK:1234*plain");
    expect(v.tag).toBe("HI");
    expect(v.elementCount).toBe(3);
    expect(v.position).toBe(7);
    expect(v.value(1)).toEqual({
      repeats: [
        ["ABK", "J449"],
        ["ABF", "E119"],
      ],
    });
    expect(v.value(2)).toEqual(["BK", "1234"]);
    expect(v.value(3)).toBe("plain");
    expect(v.toJson()).toEqual([
      "HI",
      {
        repeats: [
          ["ABK", "J449"],
          ["ABF", "E119"],
        ],
      },
      ["BK", "1234"],
      "plain",
    ]);
  });

  it("gives text, components and absent elements", () => {
    const v = x12("N1*ST*DOCK 7**92:A");
    expect(v.text(1)).toBe("ST");
    expect(v.text(3)).toBe("");
    expect(v.text(9)).toBe("");
    expect(v.value(9)).toBe("");
    expect(v.component(4, 1)).toBe("92");
    expect(v.component(4, 2)).toBe("A");
    expect(v.component(4, 3)).toBe("");
    expect(v.component(1, 1)).toBe("ST");
    expect(v.component(1, 2)).toBe("");
    expect(v.raw().toString("latin1")).toBe("N1*ST*DOCK 7**92:A");
  });

  it("gives element offsets in the input, and the segment end for absent elements", () => {
    const v = view("SE*9*0001", x12DefaultDelimiters, 1000);
    expect(v.elementOffset(0)).toBe(1000);
    expect(v.elementOffset(1)).toBe(1003);
    expect(v.elementOffset(2)).toBe(1005);
    expect(v.elementOffset(5)).toBe(1009);
  });

  it("keeps empty elements and a trailing empty element", () => {
    expect(x12("BEG*00**PO-1*").toJson()).toEqual(["BEG", "00", "", "PO-1", ""]);
    expect(x12("EB*1*^").value(2)).toEqual({ repeats: ["", ""] });
    expect(x12("HI*:").value(1)).toEqual(["", ""]);
  });

  it("drops line breaks inside a segment (hard-wrapped files)", () => {
    const v = x12("ST*21\n0*13\r\n05");
    expect(v.toJson()).toEqual(["ST", "210", "1305"]);
    expect(v.text(2)).toBe("1305");
  });

  it("has no release character: ? is data", () => {
    expect(x12("MSG*WHY?*").toJson()).toEqual(["MSG", "WHY?", ""]);
  });

  it("decodes text in the encoding asked for", () => {
    const v = view("N1*ST*Café", x12DefaultDelimiters, 0, "utf8");
    expect(v.text(2)).toBe(Buffer.from("Café", "utf8").toString("latin1"));
    expect(v.text(2, "utf8")).toBe("Café");
    expect(v.toJson("utf8")).toEqual(["N1", "ST", "Café"]);
  });

  it("reads a multi-byte component separator", () => {
    const d: Delimiters = { ...x12DefaultDelimiters, component: Buffer.from("¦", "utf8").toString("latin1") };
    const v = view("HI*ABK¦J449*X", d, 0, "utf8");
    expect(v.value(1)).toEqual(["ABK", "J449"]);
  });
});

describe("SegmentView over EDIFACT: release characters", () => {
  it("unescapes ?+ ?: ?' and ?? in text, components and element splitting", () => {
    const v = edifact("FTX+AAI+++IT?'S 50?? OFF?+MORE?:LESS:two");
    expect(v.elementCount).toBe(4);
    expect(v.value(4)).toEqual(["IT'S 50? OFF+MORE:LESS", "two"]);
    expect(v.text(4)).toBe("IT'S 50? OFF+MORE:LESS:two");
  });

  it("does not split at an escaped element separator", () => {
    const v = edifact("BGM+220+PO?+1+9");
    expect(v.elementCount).toBe(3);
    expect(v.toJson()).toEqual(["BGM", "220", "PO+1", "9"]);
  });

  it("keeps a release character that ends the segment", () => {
    expect(edifact("FTX+A?").value(1)).toBe("A?");
  });

  it("skips a line break between a release character and what it escapes", () => {
    expect(edifact("FTX+A?\n+B").toJson()).toEqual(["FTX", "A+B"]);
  });

  it("splits repetitions in syntax version 4", () => {
    const d: Delimiters = { ...edifactDefaultDelimiters, repetition: "*" };
    expect(view("ALI+DE*FR?*IT", d).value(1)).toEqual({ repeats: ["DE", "FR*IT"] });
  });

  it("reads the tag without surrounding blanks", () => {
    expect(edifact(" UNH +1").tag).toBe("UNH");
  });
});

describe("SegmentView.loadFixed (binary segments)", () => {
  it("takes the element starts as given and does not split the data element", () => {
    const buf = Buffer.from("BIN*5*a*b~c", "latin1");
    const v = new SegmentView();
    v.loadFixed(buf, 0, buf.length, 40, 3, delimiterBytes(x12DefaultDelimiters), [0, 4, 6]);
    expect(v.fixed).toBe(true);
    expect(v.toJson()).toEqual(["BIN", "5", "a*b~c"]);
    expect(v.elementOffset(2)).toBe(46);
  });
});

describe("SegmentView with many elements", () => {
  it("reads a segment of more elements than a view starts with, and the next one too", () => {
    const d = delimiterBytes(x12DefaultDelimiters);
    const v = new SegmentView();
    const long = Buffer.from(`REF${Array.from({ length: 300 }, (_, i) => `*E${i + 1}`).join("")}~N1*ST*X~`);
    const first = v.scan(long, 0, long.length, d);
    expect(v.elementCount).toBe(300);
    expect(v.text(1)).toBe("E1");
    expect(v.text(300)).toBe("E300");
    expect(v.scan(long, first + 1, long.length, d)).toBe(long.length - 1);
    expect(v.tag).toBe("N1");
    expect(v.text(2)).toBe("X");
  });

  it("keeps the first 4,096 boundaries of a segment that has more", () => {
    const d = delimiterBytes(x12DefaultDelimiters);
    const v = new SegmentView();
    const huge = Buffer.from(`REF${"*x".repeat(5000)}~`);
    v.scan(huge, 0, huge.length, d);
    expect(v.count).toBe(4096);
    expect(v.text(1)).toBe("x");
  });
});
