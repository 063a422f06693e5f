export { ackWindowMs, defaultAckProfile, resolveAckProfile } from "./ack-profile.js";
export { type AckProfileInput, removeAckProfile, setAckProfile } from "./ack-profiles.js";
export { generateAcknowledgments } from "./generate-acknowledgments.js";
export { generatedAckChannel } from "./plan-acknowledgments.js";
export { reconcile } from "./reconcile-acknowledgments.js";
export { sweepOverdueAcks } from "./sweep-overdue-acks.js";
