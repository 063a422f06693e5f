import type { Kysely } from "kysely";
import type { Clock } from "../../kernel/index.js";
import type { MetadataStore } from "../ports/index.js";
import { PreparedQueries } from "./prepared-queries.js";
import type { Database } from "./schema.js";
import type { SqlFlavour } from "./sql-flavour.js";
import { sqlRepositories } from "./sql-repositories.js";

export interface SqlMetadataStoreOptions {
  /** A migrated database; the store owns it from now on and destroys it on close. */
  readonly db: Kysely<Database>;
  readonly flavour: SqlFlavour;
  readonly clock: Clock;
}

/** The metadata store over any SQL database the shared repositories run on. */
export function sqlMetadataStore({ db, flavour, clock }: SqlMetadataStoreOptions): MetadataStore {
  const prepared = new PreparedQueries();
  return {
    ...sqlRepositories(db, flavour, clock, prepared),
    capabilities: flavour.capabilities,
    transaction: (work) =>
      db.transaction().execute((trx) => work(sqlRepositories(trx, flavour, clock, prepared))),
    close: () => db.destroy(),
  };
}
