import type { ErrorCode } from "../../kernel/index.js";
import type { GuideFault } from "../acks/ack-report.js";
import { ediError } from "../edi-error.js";
import type { SegmentView } from "../segment-view.js";
import {
  type CompiledGuide,
  type CompiledLoop,
  type CompiledNode,
  tagIdOf,
  tagKey,
  type ValueMatch,
} from "./compile-guide.js";
import { ElementChecker } from "./element-checker.js";
import { HlHierarchy } from "./hl-hierarchy.js";

/** A segment's place in the input (a SegmentView is one). */
interface Place {
  readonly offset: number;
  readonly position: number;
}

/** Where a segment stands, for faults about segments that are not there. */
interface Where {
  readonly offset: number;
  readonly position: number;
  readonly setPosition: number;
}

/**
 * Validates the segments of one transaction set, as they stream past, against a compiled guide. The loop
 * structure is walked as a stack of open loops: a segment is matched first in the innermost loop, from the
 * current place onwards, then in the loops around it (closing the inner ones); a mandatory node passed over
 * or left unvisited when its loop closes is reported missing. Per-loop counters live in one array per loop,
 * reset when the loop starts a new iteration, so that walking allocates nothing.
 */
export class SetValidator {
  private readonly stack: CompiledLoop[] = [];
  private readonly cur: Int32Array;
  private readonly counts: Int32Array[];
  private depth = 0;
  private readonly elements: ElementChecker;
  private readonly hl: HlHierarchy | null;

  constructor(
    readonly guide: CompiledGuide,
    private readonly emit: (fault: GuideFault) => void,
  ) {
    const loops: CompiledLoop[] = [];
    const collect = (l: CompiledLoop): void => {
      loops[l.index] = l;
      for (const c of l.children) if (c.loop !== null) collect(c.loop);
    };
    collect(guide.root);
    this.counts = loops.map((l) => new Int32Array(l.children.length));
    this.cur = new Int32Array(guide.loopCount + 1);
    this.stack.push(guide.root);
    this.elements = new ElementChecker(emit);
    this.hl = guide.hl ? new HlHierarchy(emit) : null;
    this.reset();
  }

  /** Makes the validator ready for the next set: one instance serves every set of its guide in a run. */
  reset(): void {
    this.depth = 1;
    this.cur[0] = 0;
    (this.counts[this.guide.root.index] as Int32Array).fill(0);
    this.hl?.reset();
  }

  /** One segment of the set; `setPosition` counts from the set header (1). */
  segment(view: SegmentView, setPosition: number): void {
    const id = this.tagId(view);
    if (id < 0) {
      this.stray(view, setPosition);
      return;
    }
    for (let d = this.depth - 1; d >= 0; d--) {
      const loop = this.stack[d] as CompiledLoop;
      const candidates = loop.byTagId[id];
      if (candidates === undefined) continue;
      // Inside a loop, its trigger (child 0) is never matched again: a repeated trigger starts a new iteration
      // of the loop, one level up.
      const from = d > 0 ? Math.max(this.cur[d] as number, 1) : (this.cur[d] as number);
      const counts = this.counts[loop.index] as Int32Array;
      let chosen = -1;
      for (let k = 0; k < candidates.length; k++) {
        const c = candidates[k] as number;
        if (c < from) continue;
        const m = (loop.children[c] as CompiledNode).match;
        if (m !== null && !matches(view, m)) continue;
        if (chosen < 0) chosen = c;
        if ((counts[c] as number) < (loop.children[c] as CompiledNode).max) {
          chosen = c;
          break;
        }
      }
      if (chosen < 0) continue;
      while (this.depth - 1 > d) this.closeLoop(view, setPosition);
      this.passOver(d, chosen, view, setPosition);
      this.enter(d, chosen, view, setPosition);
      return;
    }
    this.stray(view, setPosition);
  }

  /** The guide's number for the segment's tag, from its bytes when they are a plain tag; -1: not in the guide. */
  private tagId(view: SegmentView): number {
    const s = view.start;
    const e = view.count > 1 ? (view.starts[1] as number) - 1 : view.end;
    if (e - s >= 1 && e - s <= 3) {
      const id = tagIdOf(this.guide, tagKey(view.buffer, s, e));
      if (id >= 0) return id;
    }
    // Not a plain tag of the guide: tags the reader trimmed or unescaped are looked up by their text.
    return this.guide.tagIds.get(view.tag) ?? -1;
  }

  /** The set's trailer has been read (or the set ends): every open loop closes. */
  end(where: Where): void {
    while (this.depth > 1) this.closeLoop(where, where.setPosition);
    this.passOver(0, (this.stack[0] as CompiledLoop).children.length, where, where.setPosition);
  }

  private enter(d: number, index: number, view: SegmentView, setPosition: number): void {
    const loop = this.stack[d] as CompiledLoop;
    const counts = this.counts[loop.index] as Int32Array;
    const node = loop.children[index] as CompiledNode;
    this.cur[d] = index;
    const n = (counts[index] as number) + 1;
    counts[index] = n;
    let loopId = loop.id;
    if (node.loop !== null) {
      loopId = node.loop.id;
      if (n > node.max)
        this.segmentFault(
          "EDI_LOOP_REPEATS_EXCEEDED",
          view,
          setPosition,
          loopId,
          `loop ${loopId} repeats more than ${node.max} times`,
        );
      (this.counts[node.loop.index] as Int32Array).fill(0);
      (this.counts[node.loop.index] as Int32Array)[0] = 1;
      this.stack[this.depth] = node.loop;
      this.cur[this.depth] = 0;
      this.depth++;
    } else if (n > node.max) {
      this.segmentFault(
        "EDI_SEGMENT_REPEATS_EXCEEDED",
        view,
        setPosition,
        loopId,
        `${node.tag} repeats more than ${node.max} times`,
      );
    }
    if (node.rule !== null) this.elements.check(view, node.rule, setPosition, loopId);
    if (this.hl !== null && node.tag === "HL") this.hl.segment(view, setPosition, loopId);
  }

  /** Reports the mandatory nodes of loop level `d` from its current place up to (not including) `until`. */
  private passOver(d: number, until: number, at: Place, setPosition: number): void {
    const loop = this.stack[d] as CompiledLoop;
    const counts = this.counts[loop.index] as Int32Array;
    const next = loop.nextMandatory;
    for (let i = next[this.cur[d] as number] as number; i < until; i = next[i + 1] as number) {
      if (counts[i] === 0)
        this.missing(loop.children[i] as CompiledNode, loop, {
          offset: at.offset,
          position: at.position,
          setPosition,
        });
    }
  }

  private closeLoop(at: Place, setPosition: number): void {
    const d = this.depth - 1;
    this.passOver(d, (this.stack[d] as CompiledLoop).children.length, at, setPosition);
    this.depth--;
  }

  private missing(node: CompiledNode, loop: CompiledLoop, where: Where): void {
    const what = node.loop !== null ? `loop ${node.loop.id} (${node.tag})` : `segment ${node.tag}`;
    const inLoop = loop.id === null ? "" : ` in loop ${loop.id}`;
    const error = ediError(
      "EDI_SEGMENT_MISSING",
      `mandatory ${what}${inLoop} is missing before segment ${where.setPosition} of the set`,
      {
        offset: where.offset,
        segment: where.position,
        tag: node.tag,
        setPosition: where.setPosition,
      },
    );
    const loopId = node.loop?.id ?? loop.id;
    this.emit({ error, ...(loopId === null ? {} : { loopId }) });
  }

  /** A segment no open loop can take: out of order, unexpected here, or not part of the set at all. */
  private stray(view: SegmentView, setPosition: number): void {
    const tag = view.tag;
    const loopId = (this.stack[this.depth - 1] as CompiledLoop).id;
    if (!this.guide.tags.has(tag)) {
      this.segmentFault(
        "EDI_SEGMENT_NOT_IN_SET",
        view,
        setPosition,
        loopId,
        `${tag} is not a segment of ${this.guide.set} (guide ${this.guide.id})`,
      );
      return;
    }
    for (let d = this.depth - 1; d >= 0; d--) {
      const loop = this.stack[d] as CompiledLoop;
      const candidates = loop.byTag.get(tag);
      if (candidates !== undefined && earlierMatch(loop, candidates, this.cur[d] as number, view)) {
        this.segmentFault(
          "EDI_SEGMENT_OUT_OF_ORDER",
          view,
          setPosition,
          loopId,
          `${tag} comes after segments the guide places after it`,
        );
        return;
      }
    }
    this.segmentFault(
      "EDI_SEGMENT_UNEXPECTED",
      view,
      setPosition,
      loopId,
      `${tag} is not expected here${loopId === null ? "" : ` (in loop ${loopId})`}`,
    );
  }

  private segmentFault(
    code: ErrorCode,
    view: SegmentView,
    setPosition: number,
    loopId: string | null,
    message: string,
  ): void {
    const error = ediError(code, message, {
      offset: view.offset,
      segment: view.position,
      tag: view.tag,
      setPosition,
    });
    this.emit({ error, ...(loopId === null ? {} : { loopId }) });
  }
}

/** Whether the segment holds, at each position a node names, one of the values listed there. */
function matches(view: SegmentView, match: readonly ValueMatch[]): boolean {
  for (let k = 0; k < match.length; k++) {
    const m = match[k] as ValueMatch;
    const i = m.element;
    if (i >= view.count) return false;
    const s = view.starts[i] as number;
    const e = i + 1 < view.count ? (view.starts[i + 1] as number) - 1 : view.end;
    if (!m.values.has(view.buffer, s, e)) return false;
  }
  return true;
}

/** Whether a node before `cur` would take the segment: it then comes too late, rather than not at all. */
function earlierMatch(loop: CompiledLoop, candidates: Int32Array, cur: number, view: SegmentView): boolean {
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k] as number;
    if (c >= cur) return false;
    const m = (loop.children[c] as CompiledNode).match;
    if (m === null || matches(view, m)) return true;
  }
  return false;
}
