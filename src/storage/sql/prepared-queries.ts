import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from "kysely";
import type { Database } from "./schema.js";

/** Stands for a value while a query is compiled; each run puts the real value in its place. */
class Slot {
  constructor(readonly name: string) {}
}

interface Prepared {
  readonly sql: string;
  readonly parameters: readonly (Slot | { readonly constant: unknown })[];
}

/** Builds a query with `values` in it, each passed through as it is (one query parameter). */
export type BuildQuery<V, O> = (db: Kysely<Database>, values: V) => Compilable<O>;

/**
 * The statements a store runs for every message, each built and compiled by Kysely once and from then on run
 * with fresh values: building and compiling a query costs several times what SQLite takes to run it. One set
 * per store, since the SQL differs between databases; it serves the store and each of its transactions.
 */
export class PreparedQueries {
  readonly #prepared = new Map<string, Prepared>();

  /** Runs the query `name` (built by `build` on first use) with these values. */
  async run<V extends Readonly<Record<string, unknown>>, O>(
    db: Kysely<Database>,
    name: string,
    build: BuildQuery<V, O>,
    values: V,
  ): Promise<QueryResult<O>> {
    const prepared = this.#prepared.get(name) ?? this.#prepare(db, name, build, Object.keys(values));
    const parameters = prepared.parameters.map((p) => (p instanceof Slot ? values[p.name] : p.constant));
    return db.executeQuery(CompiledQuery.raw(prepared.sql, parameters) as CompiledQuery<O>);
  }

  /**
   * Runs the query `name` with `parameters` given in the order the SQL takes them: for statements of many
   * values (multi-row inserts), which would otherwise build an object of named values on every run. `names`
   * (asked for on first use only) are the values' names in that order; the compiled query is checked to take
   * them so.
   */
  async runInOrder<O>(
    db: Kysely<Database>,
    name: string,
    build: BuildQuery<Readonly<Record<string, unknown>>, O>,
    names: () => string[],
    parameters: unknown[],
  ): Promise<QueryResult<O>> {
    let prepared = this.#prepared.get(name);
    if (prepared === undefined) {
      const ordered = names();
      prepared = this.#prepare(db, name, build, ordered);
      const taken = prepared.parameters.map((p) => (p instanceof Slot ? p.name : null));
      if (taken.length !== ordered.length || taken.some((n, i) => n !== ordered[i])) {
        this.#prepared.delete(name);
        throw new Error(`prepared query ${name}: the SQL does not take its values in the order given`);
      }
    }
    return db.executeQuery(CompiledQuery.raw(prepared.sql, parameters) as CompiledQuery<O>);
  }

  #prepare<V, O>(db: Kysely<Database>, name: string, build: BuildQuery<V, O>, names: string[]): Prepared {
    const slots = Object.fromEntries(names.map((n) => [n, new Slot(n)]));
    const { sql, parameters } = build(db, slots as V).compile();
    const prepared: Prepared = {
      sql,
      parameters: parameters.map((p) => (p instanceof Slot ? p : { constant: p })),
    };
    const used = new Set(parameters.filter((p) => p instanceof Slot).map((p) => p.name));
    const lost = names.filter((n) => !used.has(n));
    if (lost.length > 0) {
      throw new Error(
        `prepared query ${name}: ${lost.join(", ")} must reach the SQL as parameters, unchanged`,
      );
    }
    this.#prepared.set(name, prepared);
    return prepared;
  }
}
