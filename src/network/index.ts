export { accountOrNotFound } from "./accounts/account-or-not-found.js";
export { addIdentity } from "./accounts/add-identity.js";
export { authenticateApiKey, type IssuedApiKey, issueApiKey } from "./accounts/api-keys.js";
export { createAccount } from "./accounts/create-account.js";
export { ensureOperatorAccount, type OperatorAccount } from "./accounts/ensure-operator-account.js";
export type { KeyPrincipal, Principal, SessionPrincipal } from "./accounts/principal.js";
export {
  type AckProfileInput,
  ackWindowMs,
  defaultAckProfile,
  generateAcknowledgments,
  generatedAckChannel,
  reconcile,
  removeAckProfile,
  resolveAckProfile,
  setAckProfile,
  sweepOverdueAcks,
} from "./acks/index.js";
export {
  createInterconnect,
  type Interconnect,
  type InterconnectInput,
  listInterconnects,
} from "./delivery/interconnects.js";
export { type OutboundOptions, outboundJobHandlers } from "./delivery/outbound-job-handlers.js";
export {
  createPushEndpoint,
  deletePushEndpoint,
  getPushEndpoint,
  listPushEndpoints,
  type PushEndpointInput,
  pushKinds,
  updatePushEndpoint,
} from "./delivery/push-endpoints.js";
export { type DeliveryTransports, pushJobHandler } from "./delivery/push-job-handler.js";
export { repushDelivery } from "./delivery/repush-delivery.js";
export {
  type DeliveryTransport,
  isPushError,
  type PushEndpoint,
  PushError,
  type PushKind,
  type PushReceipt,
} from "./delivery/transport.js";
export { partnerGuideCacheTtlMs, partnerGuideSet } from "./guides/partner-guide-cache.js";
export {
  addPartnerGuide,
  checkPartnerGuide,
  getPartnerGuide,
  type PartnerGuideInput,
  partnerScope,
  removePartnerGuide,
  updatePartnerGuide,
} from "./guides/partner-guides.js";
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
export { networkJobHandlers } from "./network-handlers.js";
export { type NotificationEmail, type NotificationMailer, smtpMailer } from "./notifications/mailer.js";
export {
  type Notification,
  type NotificationType,
  notificationTypes,
  notifyAccount,
} from "./notifications/notify-account.js";
export { signWebhook, verifyWebhookSignature, webhookHeaders } from "./notifications/sign-webhook.js";
export {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookCalls,
  listWebhooks,
  setNotificationEmail,
  setWebhookActive,
  type WebhookInput,
} from "./notifications/webhooks.js";
export { checkOutboundHost, checkOutboundUrl } from "./outbound/check-outbound-target.js";
export { guardedLookup, resolveOutbound } from "./outbound/guarded-lookup.js";
export { type OutboundAllow, parseOutboundAllow, publicOnly } from "./outbound/outbound-allow.js";
export { outboundAgent, outboundFetch } from "./outbound/outbound-fetch.js";
export {
  describeRefusal,
  type OutboundGuard,
  type OutboundVerdict,
  outboundGuard,
  type RefusalReason,
} from "./outbound/outbound-guard.js";
export { findOutboundRefusal, outboundAllowSetting, outboundRefused } from "./outbound/outbound-refused.js";
export { type EventSubject, recordEvent } from "./record-event.js";
export { type SweepResult, sweepRetention } from "./retention/sweep-retention.js";
export { routeJobHandler } from "./routing/route-job-handler.js";
export { applyRoute, type RouteInput, readRouteInput, routeMessage } from "./routing/route-message.js";
export { type MessageTimeline, messageTimeline, searchTracking } from "./tracking/tracking.js";
export { createUser, type NewUser } from "./users/create-user.js";
export {
  defaultLoginThrottleOptions,
  LoginThrottle,
  type LoginThrottleOptions,
} from "./users/login-throttle.js";
export { resetPassword, setUserDisabled } from "./users/manage-users.js";
export {
  authenticateSession,
  defaultSessionTtlMs,
  endSession,
  type IssuedSession,
  isSessionToken,
  type LoginAttempt,
  login,
} from "./users/sessions.js";
export { maxPasswordLength, minPasswordLength, normalizeEmail } from "./users/user-input.js";
