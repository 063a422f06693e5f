import type { Delimiters } from "../delimiters.js";
import type { EnvelopeDialect } from "../envelope-dialect.js";
import type { GroupHeader, InterchangeHeader, SetHeader } from "../envelope-model.js";
import { requireElements } from "../require-elements.js";
import type { SegmentView } from "../segment-view.js";

/** X12 segments whose last element is raw binary data, by the position of their length element. */
export function x12BinarySegments(): ReadonlyMap<string, number> {
  return new Map([
    ["BIN", 1],
    ["BDS", 2],
  ]);
}

export const x12Dialect: EnvelopeDialect = {
  standard: "x12",
  interchangeTrailer: "IEA",
  groupHeader: "GS",
  groupTrailer: "GE",
  setHeader: "ST",
  setTrailer: "SE",
  groupsRequired: true,
  // TA1 acknowledgments and the interchange services segments (ISB, ISE) stand outside groups.
  interchangeLevelTags: new Set(["TA1", "TA3", "ISB", "ISE"]),
  binarySegments: x12BinarySegments(),
  countsMessagesWithoutGroups: false,
  isValidTag(tag: string): boolean {
    return /^[A-Z0-9]{2,3}$/.test(tag);
  },
  readGroupHeader(gs: SegmentView) {
    const header: GroupHeader = {
      id: gs.text(1),
      control: gs.text(6),
      sender: gs.text(2),
      receiver: gs.text(3),
      version: gs.text(8) || null,
      offset: gs.offset,
    };
    return { header, errors: requireElements(gs, [1, 2, 3, 6, 8]) };
  },
  readSetHeader(st: SegmentView) {
    const header: SetHeader = {
      id: st.text(1),
      control: st.text(2),
      version: st.text(3) || null,
      offset: st.offset,
    };
    return { header, errors: requireElements(st, [1, 2]) };
  },
};

/** Interchange facts from ISA01..ISA16 (`elements[0]` is ISA01). */
export function x12InterchangeHeader(
  elements: readonly string[],
  delimiters: Delimiters,
  offset: number,
): InterchangeHeader {
  const el = (n: number): string => (elements[n - 1] ?? "").trim();
  return {
    standard: "x12",
    sender: { qualifier: el(5), id: el(6) },
    receiver: { qualifier: el(7), id: el(8) },
    control: el(13),
    date: el(9),
    time: el(10),
    version: el(12),
    syntaxId: null,
    ackRequested: el(14) === "1",
    test: el(15) === "T",
    delimiters,
    serviceStringAdvice: false,
    offset,
  };
}
