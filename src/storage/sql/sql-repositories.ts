import type { Kysely } from "kysely";
import type { Clock } from "../../kernel/index.js";
import type { MetadataRepositories } from "../ports/index.js";
import { sqlAccountRepository } from "./repositories/sql-account-repository.js";
import { sqlApiKeyRepository } from "./repositories/sql-api-key-repository.js";
import { sqlControlNumberRepository } from "./repositories/sql-control-number-repository.js";
import { sqlDeliveryRepository } from "./repositories/sql-delivery-repository.js";
import { sqlEventRepository } from "./repositories/sql-event-repository.js";
import { sqlIdentityRepository } from "./repositories/sql-identity-repository.js";
import { sqlInterchangeRepository } from "./repositories/sql-interchange-repository.js";
import { sqlJobRepository } from "./repositories/sql-job-repository.js";
import { sqlMessageRepository } from "./repositories/sql-message-repository.js";
import { sqlTrackingRepository } from "./repositories/sql-tracking-repository.js";
import { sqlUsageRepository } from "./repositories/sql-usage-repository.js";
import type { Database } from "./schema.js";
import type { SqlFlavour } from "./sql-flavour.js";

/** Every repository, bound to `db`: the database itself, or one transaction (a Kysely `Transaction`). */
export function sqlRepositories(
  db: Kysely<Database>,
  flavour: SqlFlavour,
  clock: Clock,
): MetadataRepositories {
  return {
    accounts: sqlAccountRepository(db),
    identities: sqlIdentityRepository(db),
    apiKeys: sqlApiKeyRepository(db),
    messages: sqlMessageRepository(db),
    interchanges: sqlInterchangeRepository(db),
    deliveries: sqlDeliveryRepository(db),
    events: sqlEventRepository(db),
    tracking: sqlTrackingRepository(db),
    usage: sqlUsageRepository(db),
    jobs: sqlJobRepository(db, flavour, clock),
    controlNumbers: sqlControlNumberRepository(db),
  };
}
