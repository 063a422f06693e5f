import type { Kysely } from "kysely";
import type { Clock } from "../../kernel/index.js";
import type { MetadataRepositories } from "../ports/index.js";
import type { PreparedQueries } from "./prepared-queries.js";
import { sqlAccountRepository } from "./repositories/sql-account-repository.js";
import { sqlApiKeyRepository } from "./repositories/sql-api-key-repository.js";
import { sqlControlNumberRepository } from "./repositories/sql-control-number-repository.js";
import { sqlDeliveryRepository } from "./repositories/sql-delivery-repository.js";
import { sqlEventRepository } from "./repositories/sql-event-repository.js";
import { sqlIdentityRepository } from "./repositories/sql-identity-repository.js";
import { sqlInterchangeRepository } from "./repositories/sql-interchange-repository.js";
import { sqlJobRepository } from "./repositories/sql-job-repository.js";
import { sqlMessageRepository } from "./repositories/sql-message-repository.js";
import { sqlSmallBlobRepository } from "./repositories/sql-small-blob-repository.js";
import { sqlTrackingRepository } from "./repositories/sql-tracking-repository.js";
import { sqlUsageRepository } from "./repositories/sql-usage-repository.js";
import type { Database } from "./schema.js";
import type { SqlFlavour } from "./sql-flavour.js";

/**
 * Every repository, bound to `db`: the database itself, or one transaction (a Kysely `Transaction`).
 * `prepared`: the store's compiled statements, shared by the database and its transactions.
 */
export function sqlRepositories(
  db: Kysely<Database>,
  flavour: SqlFlavour,
  clock: Clock,
  prepared: PreparedQueries,
): MetadataRepositories {
  return {
    accounts: sqlAccountRepository(db),
    identities: sqlIdentityRepository(db, prepared),
    apiKeys: sqlApiKeyRepository(db, prepared),
    messages: sqlMessageRepository(db, prepared),
    interchanges: sqlInterchangeRepository(db, prepared),
    deliveries: sqlDeliveryRepository(db, prepared),
    events: sqlEventRepository(db, prepared),
    tracking: sqlTrackingRepository(db),
    usage: sqlUsageRepository(db, prepared),
    jobs: sqlJobRepository(db, flavour, clock, prepared),
    controlNumbers: sqlControlNumberRepository(db),
    smallBlobs: sqlSmallBlobRepository(db, prepared),
  };
}
