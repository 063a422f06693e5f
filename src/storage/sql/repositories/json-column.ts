/** JSON columns are text in both databases; the repositories write them and read back what they wrote. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

export function stringListColumn(text: string): readonly string[] {
  return JSON.parse(text) as string[];
}

export function objectColumn(text: string): Readonly<Record<string, unknown>> {
  return JSON.parse(text) as Record<string, unknown>;
}
