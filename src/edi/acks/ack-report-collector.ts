import type { ErrorCode } from "../../kernel/index.js";
import type { EdiError } from "../edi-error.js";
import type { EdiHandler } from "../edi-handler.js";
import { edifactDialect } from "../edifact/edifact-dialect.js";
import type { EnvelopeDialect } from "../envelope-dialect.js";
import type { FunctionalGroup, InterchangeHeader, TransactionSet } from "../envelope-model.js";
import type { SegmentView } from "../segment-view.js";
import { x12Dialect } from "../x12/x12-dialect.js";
import {
  type AckReport,
  buildAckReport,
  type ElementFault,
  type GroupFindings,
  type GuideFault,
  type SegmentFault,
  type SetFindings,
} from "./ack-report.js";

export interface AckReportCollector {
  /** Give this to an EdiReader (or to `readEdi`); it keeps nothing of an interchange once its report is made. */
  readonly handler: EdiHandler;
  /** The reports made so far, one per interchange, in input order. */
  readonly reports: AckReport[];
  /** Adds a fault found against a guide to the set being read (call it before the set's `setEnd`). */
  guideFault(fault: GuideFault): void;
  /** Records which guide the set being read is validated against (null: syntax only). */
  useGuide(id: string | null): void;
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
  readonly component?: number;
  readonly repetition?: number;
  readonly reference?: string;
}

interface SegmentDraft {
  readonly tag: string;
  readonly position: number;
  readonly errors: EdiError[];
  readonly elements: ElementDraft[];
  guideLoop?: string;
}

interface SetDraft {
  guide: string | null;
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
export function ackReportCollector(onReport?: (report: AckReport) => void): AckReportCollector {
  const reports: AckReport[] = [];
  // With `onReport`, each report is handed over as its interchange ends and not kept: memory stays flat.
  const deliver = onReport ?? ((r: AckReport) => reports.push(r));
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
    const segment = segmentDraft(set, e.setPosition ?? e.segment - set.headerPosition + 1, e.tag ?? "");
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
        guide: null,
        faults: ic.setHeaderFaults.length === 0 ? [] : ic.setHeaderFaults.splice(0),
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
      const faults =
        draft.groupHeaderFaults.length === 0 && draft.setHeaderFaults.length === 0
          ? draft.faults
          : [...draft.faults, ...draft.groupHeaderFaults, ...draft.setHeaderFaults];
      // Plain loops rather than flatMap/spread: a file holds many sets, most without a single fault.
      const groups: GroupFindings[] = [];
      for (const g of draft.groups) {
        if (g.done === null) continue;
        const sets: SetFindings[] = [];
        for (const s of g.sets) {
          if (s.done === null) continue;
          const segments = s.segments;
          sets.push({
            set: s.done,
            guide: s.guide,
            faults: s.faults,
            segments:
              segments.length === 0
                ? []
                : segments.sort((a, b) => a.position - b.position).map(freezeSegment),
          });
        }
        groups.push({ group: g.done, declaredSets: g.declaredSets, faults: g.faults, sets });
      }
      deliver(
        buildAckReport({
          interchange,
          faults: faults.length > 1 ? faults.sort((a, b) => a.offset - b.offset) : faults,
          groups,
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
  const guideFault = (f: GuideFault): void => {
    const set = ic?.set;
    if (set == null) return;
    const e = f.error;
    const segment = segmentDraft(set, e.setPosition ?? e.segment - set.headerPosition + 1, e.tag ?? "");
    if (f.loopId !== undefined) segment.guideLoop ??= f.loopId;
    if (e.element === undefined) {
      segment.errors.push(e);
      return;
    }
    segment.elements.push({
      element: e.element,
      segment: e.segment,
      error: e,
      ...(f.value === undefined ? {} : { value: f.value }),
      ...(f.component === undefined ? {} : { component: f.component }),
      ...(f.repetition === undefined ? {} : { repetition: f.repetition }),
      ...(f.reference === undefined ? {} : { reference: f.reference }),
    });
  };
  const useGuide = (id: string | null): void => {
    if (ic?.set != null) ic.set.guide = id;
  };
  return { handler, reports, guideFault, useGuide };
}

function segmentDraft(set: SetDraft, position: number, tag: string): SegmentDraft {
  // A missing segment is reported at the position of the segment found in its place: same position, its own tag.
  let segment = set.segments.find((s) => s.position === position && s.tag === tag);
  if (segment === undefined) {
    segment = { tag, position, errors: [], elements: [] };
    set.segments.push(segment);
  }
  return segment;
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
    ...(s.guideLoop === undefined ? {} : { guideLoop: s.guideLoop }),
    errors: s.errors,
    elements: s.elements.map(
      (e): ElementFault => ({
        element: e.element,
        error: e.error,
        ...(e.value === undefined ? {} : { value: e.value }),
        ...(e.component === undefined ? {} : { component: e.component }),
        ...(e.repetition === undefined ? {} : { repetition: e.repetition }),
        ...(e.reference === undefined ? {} : { reference: e.reference }),
      }),
    ),
  };
}
