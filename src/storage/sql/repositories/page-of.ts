import type { Page } from "../../ports/index.js";

/**
 * Turns rows fetched with `limit + 1` into a page: the extra row, when there is one, only tells that another
 * page follows, whose cursor is the id of the last item shown.
 */
export function pageOf<T extends { readonly id: string }>(rows: readonly T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows, next: null };
  const items = rows.slice(0, limit);
  return { items, next: items[items.length - 1]?.id ?? null };
}
