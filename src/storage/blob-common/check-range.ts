import { OpenVanError } from "../../kernel/index.js";

/** Throws unless `[start, end)` is a range of byte offsets: whole numbers, start ≤ end. */
export function checkRange(range: { readonly start: number; readonly end: number }): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new OpenVanError(
      "INTERNAL_INVALID_ARGUMENT",
      `[${start}, ${end}) is not a range of byte offsets.`,
      { start, end },
    );
  }
}
