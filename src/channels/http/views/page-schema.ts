/** A page of a list: `next` is the path of the next page (same filters), or null on the last one. */
export function pageSchema(item: unknown): unknown {
  return {
    type: "object",
    required: ["items", "next"],
    properties: {
      items: { type: "array", items: item },
      next: { type: ["string", "null"], description: "Path of the next page, or null on the last one." },
    },
  };
}

/** The path of the next page: the same query with `after` set to the cursor, or null when there is none. */
export function nextPagePath(
  path: string,
  query: Readonly<Record<string, string | number | undefined>>,
  cursor: string | null,
): string | null {
  if (cursor === null) return null;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && name !== "after") params.set(name, String(value));
  }
  params.set("after", cursor);
  return `${path}?${params.toString()}`;
}
