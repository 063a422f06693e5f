export { addIdentity } from "./accounts/add-identity.js";
export { authenticateApiKey, type IssuedApiKey, issueApiKey, type Principal } from "./accounts/api-keys.js";
export { createAccount } from "./accounts/create-account.js";
export { formatIdentityAddress, type IdentityAddress, parseIdentityAddress } from "./identity-address.js";
export { CommitBatcher } from "./ingest/commit-batcher.js";
export { type IncomingMessage, type ReceiveVerdict, receiveMessage } from "./ingest/receive-message.js";
export { enqueueJob, type JobKind } from "./jobs/enqueue-job.js";
export type { JobHandler, SimpleJobHandler, StagedJobHandler } from "./jobs/job-handler.js";
export { backoffMs, defaultJobRunnerOptions, JobRunner, type JobRunnerOptions } from "./jobs/job-runner.js";
export {
  confirmPickup,
  getMailboxItem,
  listMailbox,
  openMailboxItem,
  resendItem,
} from "./mailbox/mailbox.js";
export {
  createNetworkContext,
  defaultNetworkSettings,
  type NetworkContext,
  type NetworkSettings,
} from "./network-context.js";
export { type NetworkJobHooks, networkJobHandlers } from "./network-handlers.js";
export { type SweepResult, sweepRetention } from "./retention/sweep-retention.js";
export { routeJobHandler } from "./routing/route-job-handler.js";
export { applyRoute, type RouteInput, readRouteInput, routeMessage } from "./routing/route-message.js";
export { type MessageTimeline, messageTimeline, searchTracking } from "./tracking/tracking.js";
