import type { ErrorCode } from "../../kernel/index.js";
import type { GuideFault } from "../acks/ack-report.js";
import { ediError } from "../edi-error.js";
import type { SegmentView } from "../segment-view.js";

/**
 * The HL hierarchy of a set (856 ship notice, and the HIPAA sets): HL01 numbers the levels 1, 2, 3… in
 * order; HL02, when present, names an earlier HL01 (the parent); HL03 says the level's code, which may not
 * be empty. The code list of HL03 itself comes from the guide's element rules.
 */
export class HlHierarchy {
  private readonly seen = new Set<string>();
  private next = 1;

  constructor(private readonly emit: (fault: GuideFault) => void) {}

  reset(): void {
    this.seen.clear();
    this.next = 1;
  }

  segment(view: SegmentView, setPosition: number, loopId: string | null): void {
    const id = view.text(1).trim();
    const parent = view.text(2).trim();
    const fault = (code: ErrorCode, element: number, message: string, value: string): void => {
      const error = ediError(code, message, {
        offset: view.elementOffset(Math.min(element, view.count)),
        segment: view.position,
        tag: view.tag,
        element,
        setPosition,
      });
      this.emit({
        error,
        value,
        reference: element === 1 ? "628" : element === 2 ? "734" : "735",
        ...(loopId === null ? {} : { loopId }),
      });
    };
    const expected = String(this.next);
    this.next++;
    if (id !== expected) {
      fault("EDI_HL_HIERARCHY_INVALID", 1, `HL01 is "${id}" where the hierarchy expects ${expected}`, id);
    }
    if (parent !== "" && (!this.seen.has(parent) || parent === id)) {
      fault("EDI_HL_HIERARCHY_INVALID", 2, `HL02 "${parent}" names no earlier HL01 of this set`, parent);
    }
    if (view.text(3).trim() === "") {
      fault("EDI_HL_HIERARCHY_INVALID", 3, "HL03 (hierarchical level code) is empty", "");
    }
    if (id !== "") this.seen.add(id);
  }
}
