import type { Kysely } from "kysely";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";

/** Rows per statement: far below any database's limit on parameters, and enough for one routing's events. */
const rowsPerStatement = 32;

/**
 * Inserts `rows` (all with the same columns, in the same order) into `table` with multi-row INSERTs, each
 * shape (table, number of rows) a prepared statement: one statement where there would be one per row.
 */
export async function insertRows<R extends Record<string, unknown>>(
  db: Kysely<Database>,
  prepared: PreparedQueries,
  name: string,
  table: keyof Database & string,
  rows: readonly R[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const [first] = chunk;
    if (first === undefined) return;
    const columns = Object.keys(first);
    const slot = (column: string, i: number): string => `${column}_${i}`;
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(row[column]);
    await prepared.runInOrder(
      db,
      `${name}.${chunk.length}`,
      (d, v) =>
        // biome-ignore lint/suspicious/noExplicitAny: one helper for every table; rows are typed by callers.
        (d.insertInto(table) as any).values(
          chunk.map((_, i) => Object.fromEntries(columns.map((column) => [column, v[slot(column, i)]]))),
        ),
      () => chunk.flatMap((_, i) => columns.map((column) => slot(column, i))),
      parameters,
    );
  }
}
