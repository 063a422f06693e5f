import type { Delimiters } from "../delimiters.js";
import type { EnvelopeDialect } from "../envelope-dialect.js";
import type { GroupHeader, InterchangeHeader, SetHeader } from "../envelope-model.js";
import { requireElements } from "../require-elements.js";
import type { SegmentView } from "../segment-view.js";

export const edifactDialect: EnvelopeDialect = {
  standard: "edifact",
  interchangeTrailer: "UNZ",
  groupHeader: "UNG",
  groupTrailer: "UNE",
  setHeader: "UNH",
  setTrailer: "UNT",
  groupsRequired: false,
  interchangeLevelTags: new Set(),
  binarySegments: new Map(),
  countsMessagesWithoutGroups: true,
  isValidTag(tag: string): boolean {
    return /^[A-Z]{3}$/.test(tag);
  },
  readGroupHeader(ung: SegmentView) {
    const version = [ung.component(7, 1), ung.component(7, 2)].filter((v) => v !== "").join(":");
    const header: GroupHeader = {
      id: ung.text(1),
      control: ung.text(5),
      sender: ung.component(2, 1),
      receiver: ung.component(3, 1),
      version: version || null,
      offset: ung.offset,
    };
    return { header, errors: requireElements(ung, [1, 5]) };
  },
  readSetHeader(unh: SegmentView) {
    const version = [2, 3, 4]
      .map((c) => unh.component(2, c))
      .filter((v) => v !== "")
      .join(":");
    const header: SetHeader = {
      id: unh.component(2, 1),
      control: unh.text(1),
      version: version || null,
      offset: unh.offset,
    };
    return { header, errors: requireElements(unh, [1, 2]) };
  },
};

/** Interchange facts from a UNB segment. */
export function edifactInterchangeHeader(
  unb: SegmentView,
  delimiters: Delimiters,
  serviceStringAdvice: boolean,
  offset: number,
): InterchangeHeader {
  return {
    standard: "edifact",
    sender: { qualifier: unb.component(2, 2), id: unb.component(2, 1) },
    receiver: { qualifier: unb.component(3, 2), id: unb.component(3, 1) },
    control: unb.text(5),
    date: unb.component(4, 1),
    time: unb.component(4, 2),
    version: unb.component(1, 2),
    syntaxId: unb.component(1, 1),
    ackRequested: unb.text(9) === "1",
    test: unb.text(11) === "1",
    delimiters,
    serviceStringAdvice,
    offset,
  };
}
