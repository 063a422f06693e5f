import type { ErrorCode } from "../kernel/index.js";
import { ediError } from "./edi-error.js";
import type { EdiHandler } from "./edi-handler.js";
import type { EnvelopeDialect } from "./envelope-dialect.js";
import type {
  FunctionalGroup,
  GroupHeader,
  InterchangeHeader,
  SetHeader,
  TransactionSet,
} from "./envelope-model.js";
import type { SegmentView } from "./segment-view.js";

interface OpenGroup {
  readonly header: GroupHeader;
  readonly explicit: boolean;
  readonly sets: TransactionSet[];
  setCount: number;
  end: number;
}

interface OpenSet {
  readonly header: SetHeader;
  segments: number;
}

/**
 * Follows the envelope structure of one interchange, segment by segment: opens and closes groups and sets,
 * checks trailer counts and control numbers, and reports what is missing or out of place. It never throws
 * on partner data; every fault becomes an EdiError through the handler.
 */
export class EnvelopeTracker {
  private group: OpenGroup | null = null;
  private set: OpenSet | null = null;
  private readonly groups: FunctionalGroup[] = [];
  private explicitGroups = 0;
  private messagesOutsideGroups = 0;
  private lastEnd: number;

  constructor(
    private readonly dialect: EnvelopeDialect,
    private readonly header: InterchangeHeader,
    private readonly handler: EdiHandler,
    private readonly keepSets: boolean,
    headerEnd: number,
  ) {
    this.lastEnd = headerEnd;
  }

  /** Takes one segment after the interchange header; `end` is the offset just past its terminator. */
  segment(seg: SegmentView, end: number): "open" | "closed" {
    const d = this.dialect;
    const tag = seg.tag;
    this.lastEnd = end;
    if (tag === d.setHeader) {
      this.openSet(seg);
    } else if (tag === d.setTrailer) {
      this.closeSet(seg, end);
    } else if (tag === d.groupHeader) {
      this.openGroup(seg);
    } else if (tag === d.groupTrailer) {
      this.closeGroup(seg, end);
    } else if (tag === d.interchangeTrailer) {
      this.closeInterchange(seg, end);
      return "closed";
    } else if (this.set !== null) {
      this.set.segments++;
      this.handler.segment?.(seg);
    } else {
      if (!(this.group === null && d.interchangeLevelTags.has(tag))) {
        this.fault(
          seg,
          "EDI_SEGMENT_OUTSIDE_SET",
          `segment ${tag} stands outside any ${d.setHeader}…${d.setTrailer}`,
        );
      }
      this.handler.segment?.(seg);
    }
    return "open";
  }

  /** Ends the interchange without its trailer: at the next interchange header or at the end of the input. */
  abandon(offset: number, position: number, why: string): void {
    const d = this.dialect;
    this.closeOpenLevels(offset, position);
    this.report(
      "EDI_INTERCHANGE_TRAILER_MISSING",
      `interchange ${this.header.control} has no ${d.interchangeTrailer} trailer: ${why}`,
      offset,
      position,
    );
    this.emitInterchange(false);
  }

  private openSet(seg: SegmentView): void {
    const d = this.dialect;
    if (this.set !== null) this.missingSetTrailer(seg);
    const group = this.groupForSet(seg);
    const facts = d.readSetHeader(seg);
    for (const e of facts.errors) this.handler.error?.(e);
    this.set = { header: facts.header, segments: 1 };
    group.setCount++;
    if (group.explicit === false) this.messagesOutsideGroups++;
    this.handler.setStart?.(facts.header);
    this.handler.segment?.(seg);
  }

  private groupForSet(seg: SegmentView): OpenGroup {
    const d = this.dialect;
    if (this.group !== null) return this.group;
    if (d.groupsRequired) {
      this.fault(
        seg,
        "EDI_SEGMENT_OUTSIDE_SET",
        `${d.setHeader} stands outside any ${d.groupHeader}…${d.groupTrailer} functional group`,
      );
    } else if (this.explicitGroups > 0) {
      this.fault(
        seg,
        "EDI_GROUPS_AND_MESSAGES_MIXED",
        `${d.setHeader} outside a group in an interchange that has ${d.groupHeader} groups`,
      );
    }
    const header: GroupHeader = {
      id: null,
      control: null,
      sender: null,
      receiver: null,
      version: null,
      offset: seg.offset,
    };
    this.group = { header, explicit: false, sets: [], setCount: 0, end: seg.offset };
    return this.group;
  }

  private closeSet(seg: SegmentView, end: number): void {
    const d = this.dialect;
    const set = this.set;
    if (set === null) {
      this.fault(seg, "EDI_SEGMENT_OUTSIDE_SET", `${d.setTrailer} without a ${d.setHeader} header`);
      this.handler.segment?.(seg);
      return;
    }
    set.segments++;
    this.handler.segment?.(seg);
    this.checkCount(
      seg,
      set.segments,
      "EDI_SET_COUNT_MISMATCH",
      `segments in ${d.setHeader} ${set.header.control}`,
    );
    this.checkControl(seg, set.header.control, "EDI_SET_CONTROL_MISMATCH", `${d.setHeader} control number`);
    this.finishSet(set, end);
  }

  private finishSet(set: OpenSet, end: number): void {
    const h = set.header;
    const done: TransactionSet = {
      id: h.id,
      control: h.control,
      version: h.version,
      offset: h.offset,
      segmentCount: set.segments,
      range: { start: h.offset, end },
    };
    this.set = null;
    const group = this.group;
    if (group !== null) {
      group.end = end;
      if (this.keepSets) group.sets.push(done);
    }
    this.handler.setEnd?.(done);
  }

  private missingSetTrailer(seg: { offset: number; position: number }): void {
    const set = this.set;
    if (set === null) return;
    const d = this.dialect;
    this.report(
      "EDI_SET_TRAILER_MISSING",
      `${d.setHeader} ${set.header.control} (${set.header.id}) has no ${d.setTrailer} trailer`,
      seg.offset,
      seg.position,
    );
    this.finishSet(set, seg.offset);
  }

  private openGroup(seg: SegmentView): void {
    const d = this.dialect;
    this.missingSetTrailer(seg);
    const open = this.group;
    if (open?.explicit) this.missingGroupTrailer(seg);
    else if (open !== null) {
      this.fault(seg, "EDI_GROUPS_AND_MESSAGES_MIXED", `${d.groupHeader} after messages outside groups`);
      this.finishGroup(open);
    }
    const facts = d.readGroupHeader(seg);
    for (const e of facts.errors) this.handler.error?.(e);
    this.explicitGroups++;
    this.group = { header: facts.header, explicit: true, sets: [], setCount: 0, end: seg.offset };
    this.handler.groupStart?.(facts.header);
    this.handler.segment?.(seg);
  }

  private closeGroup(seg: SegmentView, end: number): void {
    const d = this.dialect;
    this.missingSetTrailer(seg);
    this.handler.segment?.(seg);
    const group = this.group;
    if (group === null || !group.explicit) {
      this.fault(seg, "EDI_SEGMENT_OUTSIDE_SET", `${d.groupTrailer} without a ${d.groupHeader} header`);
      return;
    }
    this.checkCount(
      seg,
      group.setCount,
      "EDI_GROUP_COUNT_MISMATCH",
      `${d.setHeader} sets in group ${group.header.control}`,
    );
    this.checkControl(
      seg,
      group.header.control ?? "",
      "EDI_GROUP_CONTROL_MISMATCH",
      `${d.groupHeader} control number`,
    );
    group.end = end;
    this.finishGroup(group);
  }

  private missingGroupTrailer(seg: { offset: number; position: number }): void {
    const group = this.group;
    if (group === null) return;
    if (group.explicit) {
      const d = this.dialect;
      this.report(
        "EDI_GROUP_TRAILER_MISSING",
        `${d.groupHeader} ${group.header.control} has no ${d.groupTrailer} trailer`,
        seg.offset,
        seg.position,
      );
    }
    this.finishGroup(group);
  }

  private finishGroup(group: OpenGroup): void {
    const done: FunctionalGroup = {
      ...group.header,
      sets: group.sets,
      setCount: group.setCount,
      range: { start: group.header.offset, end: group.end },
    };
    this.groups.push(done);
    this.group = null;
    this.handler.groupEnd?.(done);
  }

  private closeOpenLevels(offset: number, position: number): void {
    this.missingSetTrailer({ offset, position });
    this.missingGroupTrailer({ offset, position });
  }

  private closeInterchange(seg: SegmentView, end: number): void {
    const d = this.dialect;
    this.closeOpenLevels(seg.offset, seg.position);
    this.handler.segment?.(seg);
    const counted =
      d.countsMessagesWithoutGroups && this.explicitGroups === 0
        ? this.messagesOutsideGroups
        : this.explicitGroups;
    const what = counted === this.explicitGroups ? `${d.groupHeader} groups` : `${d.setHeader} messages`;
    this.checkCount(
      seg,
      counted,
      "EDI_INTERCHANGE_COUNT_MISMATCH",
      `${what} in interchange ${this.header.control}`,
    );
    this.checkControl(
      seg,
      this.header.control,
      "EDI_INTERCHANGE_CONTROL_MISMATCH",
      "interchange control number",
    );
    this.lastEnd = end;
    this.emitInterchange(true);
  }

  private emitInterchange(complete: boolean): void {
    this.handler.interchangeEnd?.({
      ...this.header,
      groups: this.groups,
      range: { start: this.header.offset, end: this.lastEnd },
      complete,
    });
  }

  private checkCount(seg: SegmentView, actual: number, code: ErrorCode, what: string): void {
    const written = seg.text(1).trim();
    if (!/^\d+$/.test(written) || Number(written) !== actual) {
      this.fault(
        seg,
        code,
        `${seg.tag}01 says ${written === "" ? "nothing" : written}; the number of ${what} is ${actual}`,
        1,
      );
    }
  }

  private checkControl(seg: SegmentView, header: string, code: ErrorCode, what: string): void {
    const written = seg.text(2).trim();
    if (!sameControl(written, header.trim())) {
      this.fault(seg, code, `${seg.tag}02 is "${written}" but the ${what} is "${header.trim()}"`, 2);
    }
  }

  private fault(seg: SegmentView, code: ErrorCode, message: string, element?: number): void {
    const where = {
      offset: element === undefined ? seg.offset : seg.elementOffset(element),
      segment: seg.position,
      tag: seg.tag,
      ...(element === undefined ? {} : { element }),
      ...(this.set === null ? {} : { setPosition: this.set.segments }),
    };
    this.handler.error?.(ediError(code, message, where));
  }

  private report(code: ErrorCode, message: string, offset: number, position: number): void {
    this.handler.error?.(ediError(code, message, { offset, segment: position }));
  }
}

/** Control numbers agree when equal as written, or as numbers when both are digits (`1` and `000000001`). */
function sameControl(a: string, b: string): boolean {
  if (a === b) return true;
  return /^\d+$/.test(a) && /^\d+$/.test(b) && BigInt(a) === BigInt(b);
}
