/** What a `Range` header asks of a body of `size` bytes. `end` is exclusive. */
export type RangeRequest =
  | { readonly kind: "whole" }
  | { readonly kind: "part"; readonly start: number; readonly end: number }
  | { readonly kind: "unsatisfiable" };

/**
 * Reads a `Range: bytes=…` header (RFC 9110 §14). One range is served: `a-b`, `a-` or `-n`. Several ranges,
 * other units or a malformed header are ignored (the whole body is sent, as the RFC allows).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: "whole" };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (match === null) return { kind: "whole" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "whole" };
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "part", start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(first);
  if (start >= size) return { kind: "unsatisfiable" };
  const end = last === "" ? size : Math.min(size, Number(last) + 1);
  if (end <= start) return { kind: "whole" };
  return { kind: "part", start, end };
}
