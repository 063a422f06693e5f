import type { Kysely } from "kysely";
import type { Clock } from "../../kernel/index.js";
import type { MetadataRepositories } from "../ports/index.js";
import type { PreparedQueries } from "./prepared-queries.js";
import { sqlAccountRepository } from "./repositories/sql-account-repository.js";
import { sqlAckItemRepository } from "./repositories/sql-ack-item-repository.js";
import { sqlAckProfileRepository } from "./repositories/sql-ack-profile-repository.js";
import { sqlApiKeyRepository } from "./repositories/sql-api-key-repository.js";
import { sqlAs2Repository } from "./repositories/sql-as2-repository.js";
import { sqlControlNumberRepository } from "./repositories/sql-control-number-repository.js";
import { sqlDeliveryRepository } from "./repositories/sql-delivery-repository.js";
import { sqlEventRepository } from "./repositories/sql-event-repository.js";
import { sqlGeneratedAckRepository } from "./repositories/sql-generated-ack-repository.js";
import { sqlIdentityRepository } from "./repositories/sql-identity-repository.js";
import { sqlInboundControlRepository } from "./repositories/sql-inbound-control-repository.js";
import { sqlInterchangeRepository } from "./repositories/sql-interchange-repository.js";
import { sqlInterconnectRepository } from "./repositories/sql-interconnect-repository.js";
import { sqlJobRepository } from "./repositories/sql-job-repository.js";
import { sqlMessageRepository } from "./repositories/sql-message-repository.js";
import { sqlNotificationEmailRepository } from "./repositories/sql-notification-email-repository.js";
import { sqlPartnerGuideRepository } from "./repositories/sql-partner-guide-repository.js";
import { sqlPushEndpointRepository } from "./repositories/sql-push-endpoint-repository.js";
import { sqlSessionRepository } from "./repositories/sql-session-repository.js";
import { sqlSftpLoginRepository } from "./repositories/sql-sftp-login-repository.js";
import { sqlSmallBlobRepository } from "./repositories/sql-small-blob-repository.js";
import { sqlTrackingRepository } from "./repositories/sql-tracking-repository.js";
import { sqlUsageRepository } from "./repositories/sql-usage-repository.js";
import { sqlUserRepository } from "./repositories/sql-user-repository.js";
import { sqlWebhookCallRepository } from "./repositories/sql-webhook-call-repository.js";
import { sqlWebhookRepository } from "./repositories/sql-webhook-repository.js";
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
    ackProfiles: sqlAckProfileRepository(db, prepared),
    generatedAcks: sqlGeneratedAckRepository(db),
    ackItems: sqlAckItemRepository(db),
    inboundControls: sqlInboundControlRepository(db, prepared),
    sftpLogins: sqlSftpLoginRepository(db),
    pushEndpoints: sqlPushEndpointRepository(db),
    interconnects: sqlInterconnectRepository(db),
    webhooks: sqlWebhookRepository(db),
    webhookCalls: sqlWebhookCallRepository(db),
    notificationEmails: sqlNotificationEmailRepository(db),
    users: sqlUserRepository(db),
    sessions: sqlSessionRepository(db, prepared),
    as2: sqlAs2Repository(db),
    partnerGuides: sqlPartnerGuideRepository(db),
  };
}
