import type { EdiError } from "./edi-error.js";
import type { GroupHeader, SetHeader, Standard } from "./envelope-model.js";
import type { SegmentView } from "./segment-view.js";

/** Header facts read from a segment, with the faults found while reading them. */
export interface HeaderFacts<T> {
  readonly header: T;
  readonly errors: readonly EdiError[];
}

/**
 * What differs between X12 and EDIFACT envelopes, as data and small readers: the tags of each level, whether
 * functional groups are required, and where the header facts stand. Trailers share one shape in both
 * standards: element 1 is the count, element 2 repeats the header's control number.
 */
export interface EnvelopeDialect {
  readonly standard: Standard;
  readonly interchangeTrailer: string;
  readonly groupHeader: string;
  readonly groupTrailer: string;
  readonly setHeader: string;
  readonly setTrailer: string;
  /** X12 requires GS…GE around every ST…SE; EDIFACT groups are optional. */
  readonly groupsRequired: boolean;
  /** Segments allowed between the interchange header and its groups (X12 TA1). */
  readonly interchangeLevelTags: ReadonlySet<string>;
  /**
   * Segments that carry raw binary data after a length element (X12 BIN, BDS): tag -> position of the length
   * element; the data element follows it and may contain any byte, delimiters included.
   */
  readonly binarySegments: ReadonlyMap<string, number>;
  /** IEA01 counts groups; UNZ01 counts groups when the interchange has any, else messages. */
  readonly countsMessagesWithoutGroups: boolean;
  isValidTag(tag: string): boolean;
  readGroupHeader(segment: SegmentView): HeaderFacts<GroupHeader>;
  readSetHeader(segment: SegmentView): HeaderFacts<SetHeader>;
}
