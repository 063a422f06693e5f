import { type EdiError, ediError } from "./edi-error.js";
import type { SegmentView } from "./segment-view.js";

/** One EDI_HEADER_INVALID per required envelope element that is empty or absent. */
export function requireElements(segment: SegmentView, positions: readonly number[]): EdiError[] {
  const errors: EdiError[] = [];
  for (const i of positions) {
    if (segment.text(i).trim() === "") {
      errors.push(
        ediError(
          "EDI_HEADER_INVALID",
          `${segment.tag}${String(i).padStart(2, "0")} is required in an envelope header but is empty`,
          {
            offset: segment.elementOffset(i),
            segment: segment.position,
            tag: segment.tag,
            element: i,
          },
        ),
      );
    }
  }
  return errors;
}
