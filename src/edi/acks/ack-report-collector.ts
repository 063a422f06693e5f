import type { ErrorCode } from "../../kernel/index.js";
import type { EdiError } from "../edi-error.js";
import type { EdiHandler } from "../edi-handler.js";
import { edifactDialect } from "../edifact/edifact-dialect.js";
import type { EnvelopeDialect } from "../envelope-dialect.js";
import type { FunctionalGroup, InterchangeHeader, TransactionSet } from "../envelope-model.js";
import type { SegmentView } from "../segment-view.js";
import { x12Dialect } from "../x12/x12-dialect.js";
import { type AckReport, buildAckReport, type ElementFault, type SegmentFault } from "./ack-report.js";

export interface AckReportCollector {
  /** Give this to an EdiReader (or to `readEdi`); it keeps nothing of an interchange once its report is made. */
  readonly handler: EdiHandler;
  /** The reports made so far, one per interchange, in input order. */
  readonly reports: AckReport[];
}

/** Faults that concern the structure of the whole interchange, wherever the reader meets them. */
const interchangeLevel: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "EDI_SEGMENT_OUTSIDE_SET",
  "EDI_GROUPS_AND_MESSAGES_MIXED",
]);

interface ElementDraft {
  readonly element: number;
  readonly segment: number;
  readonly error: EdiError;
  value?: string;
}

interface SegmentDraft {
  readonly tag: string;
  readonly position: number;
  readonly errors: EdiError[];
  readonly elements: ElementDraft[];
}

interface SetDraft {
  readonly faults: EdiError[];
  readonly segments: SegmentDraft[];
  /** Position of the set header in the input, once its segment has been seen. */
  headerPosition: number;
  done: TransactionSet | null;
}

interface GroupDraft {
  readonly explicit: boolean;
  readonly faults: EdiError[];
  readonly sets: SetDraft[];
  declaredSets: number | null;
  done: FunctionalGroup | null;
}

interface InterchangeDraft {
  readonly dialect: EnvelopeDialect;
  readonly faults: EdiError[];
  readonly groups: GroupDraft[];
  group: GroupDraft | null;
  set: SetDraft | null;
  /** Header faults the reader reports before it opens the group or set they belong to. */
  readonly groupHeaderFaults: EdiError[];
  readonly setHeaderFaults: EdiError[];
  awaitingSetHeader: boolean;
  /** Element faults whose segment has not been seen yet: its view gives the bad value. */
  readonly awaitingValue: ElementDraft[];
}

/**
 * Builds an AckReport for each interchange while it is read: faults are placed at the level the reader was in
 * when it met them (a header fault goes to the group or set it opens; a fault in a set's body to its segment,
 * by position inside the set), and each interchange's report is made as the interchange ends.
 */
export function ackReportCollector(): AckReportCollector {
  const reports: AckReport[] = [];
  let ic: InterchangeDraft | null = null;

  const openGroup = (draft: InterchangeDraft, explicit: boolean): GroupDraft => {
    const faults = explicit ? draft.groupHeaderFaults.splice(0) : [];
    const group: GroupDraft = { explicit, faults, sets: [], declaredSets: null, done: null };
    draft.groups.push(group);
    draft.group = group;
    return group;
  };

  const placeInSet = (draft: InterchangeDraft, set: SetDraft, e: EdiError): void => {
    const d = draft.dialect;
    const envelope = e.tag === undefined || e.tag === d.setHeader || e.tag === d.setTrailer;
    if (envelope) {
      set.faults.push(e);
      return;
    }
    const position = e.setPosition ?? e.segment - set.headerPosition + 1;
    let segment = set.segments.find((s) => s.position === position);
    if (segment === undefined) {
      segment = { tag: e.tag ?? "", position, errors: [], elements: [] };
      set.segments.push(segment);
    }
    if (e.element === undefined) {
      segment.errors.push(e);
      return;
    }
    const element: ElementDraft = { element: e.element, segment: e.segment, error: e };
    segment.elements.push(element);
    draft.awaitingValue.push(element);
  };

  const handler: EdiHandler = {
    interchangeStart(header: InterchangeHeader) {
      ic = {
        dialect: header.standard === "x12" ? x12Dialect : edifactDialect,
        faults: [],
        groups: [],
        group: null,
        set: null,
        groupHeaderFaults: [],
        setHeaderFaults: [],
        awaitingSetHeader: false,
        awaitingValue: [],
      };
    },
    groupStart() {
      if (ic !== null) openGroup(ic, true);
    },
    setStart() {
      if (ic === null) return;
      const group = ic.group ?? openGroup(ic, false);
      const set: SetDraft = {
        faults: ic.setHeaderFaults.splice(0),
        segments: [],
        headerPosition: 0,
        done: null,
      };
      group.sets.push(set);
      ic.set = set;
      ic.awaitingSetHeader = true;
    },
    segment(view: SegmentView) {
      if (ic === null) return;
      if (ic.awaitingSetHeader && ic.set !== null) {
        ic.set.headerPosition = view.position;
        ic.awaitingSetHeader = false;
      }
      if (ic.awaitingValue.length > 0) fillValues(ic.awaitingValue, view);
      if (view.tag === ic.dialect.groupTrailer && ic.group?.explicit) {
        const written = view.text(1).trim();
        ic.group.declaredSets = /^\d+$/.test(written) ? Number(written) : null;
      }
    },
    setEnd(set: TransactionSet) {
      if (ic?.set == null) return;
      ic.set.done = set;
      ic.set = null;
    },
    groupEnd(group: FunctionalGroup) {
      if (ic?.group == null) return;
      ic.group.done = group;
      ic.group = null;
    },
    interchangeEnd(interchange) {
      if (ic === null) return;
      const draft: InterchangeDraft = ic;
      ic = null;
      const faults = [...draft.faults, ...draft.groupHeaderFaults, ...draft.setHeaderFaults];
      reports.push(
        buildAckReport({
          interchange,
          faults: faults.sort((a, b) => a.offset - b.offset),
          groups: draft.groups.flatMap((g) =>
            g.done === null
              ? []
              : [
                  {
                    group: g.done,
                    declaredSets: g.declaredSets,
                    faults: g.faults,
                    sets: g.sets.flatMap((s) =>
                      s.done === null
                        ? []
                        : [{ set: s.done, faults: s.faults, segments: s.segments.map(freezeSegment) }],
                    ),
                  },
                ],
          ),
        }),
      );
    },
    error(e: EdiError) {
      if (ic === null) return; // between interchanges: nothing to acknowledge it in
      const d = ic.dialect;
      if (interchangeLevel.has(e.code)) ic.faults.push(e);
      else if (e.code === "EDI_HEADER_INVALID" && e.tag === d.groupHeader) ic.groupHeaderFaults.push(e);
      else if (e.code === "EDI_HEADER_INVALID" && e.tag === d.setHeader && ic.set === null)
        ic.setHeaderFaults.push(e);
      else if (ic.set !== null) placeInSet(ic, ic.set, e);
      else if (ic.group?.explicit) ic.group.faults.push(e);
      else ic.faults.push(e);
    },
  };
  return { handler, reports };
}

/** Copies the bad values of element faults from the segment they are in, which the reader shows after them. */
function fillValues(awaiting: ElementDraft[], view: SegmentView): void {
  let kept = 0;
  for (const draft of awaiting) {
    if (draft.segment === view.position) draft.value = view.text(draft.element);
    else if (draft.segment > view.position) awaiting[kept++] = draft;
  }
  awaiting.length = kept;
}

function freezeSegment(s: SegmentDraft): SegmentFault {
  return {
    tag: s.tag,
    position: s.position,
    errors: s.errors,
    elements: s.elements.map(
      (e): ElementFault => ({
        element: e.element,
        error: e.error,
        ...(e.value === undefined ? {} : { value: e.value }),
      }),
    ),
  };
}
