import type { Kysely } from "kysely";
import type { ControlNumberRepository } from "../../ports/index.js";
import type { Database } from "../schema.js";

export function sqlControlNumberRepository(db: Kysely<Database>): ControlNumberRepository {
  return {
    /** 1 for a new scope, then one more on each call: one atomic upsert, never a read then a write. */
    async next(scope) {
      const row = await db
        .insertInto("control_numbers")
        .values({ scope, value: 1 })
        .onConflict((oc) =>
          oc.column("scope").doUpdateSet((eb) => ({ value: eb("control_numbers.value", "+", 1) })),
        )
        .returning("value")
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },
    /** The same upsert, advancing by `count`: the block ends at the returned value. */
    async reserve(scope, count) {
      const n = Math.max(1, Math.floor(count));
      const row = await db
        .insertInto("control_numbers")
        .values({ scope, value: n })
        .onConflict((oc) =>
          oc.column("scope").doUpdateSet((eb) => ({ value: eb("control_numbers.value", "+", n) })),
        )
        .returning("value")
        .executeTakeFirstOrThrow();
      return Number(row.value) - n + 1;
    },
  };
}
