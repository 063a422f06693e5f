import type { Clock } from "../kernel/index.js";
import type { BlobStore, InterchangeState, MetadataStore } from "../storage/ports/index.js";
import { CommitBatcher } from "./ingest/commit-batcher.js";
import type { ReceiveVerdict } from "./ingest/receive-message.js";
import { type OutboundAllow, publicOnly } from "./outbound/outbound-allow.js";

/** Tunables of the network's policies, from the configuration. */
export interface NetworkSettings {
  /** An interchange with the sender, receiver and control number of one this recent is a duplicate. */
  readonly duplicateWindowMs: number;
  /** An identical resend (same account, same bytes) this recent returns the first message's id. */
  readonly resendWindowMs: number;
  /** How long an item stays in a mailbox before retention removes it. */
  readonly retentionMs: number;
  /**
   * A blob that no record refers to is removed once it is this old: longer than any upload and the commit of
   * its records take, so that a blob whose records are on their way is never taken for an orphan.
   */
  readonly orphanBlobAgeMs: number;
  /** Largest message accepted, in bytes. */
  readonly maxMessageBytes: number;
  /** Attempts of a job before it goes to the dead-letter state. */
  readonly maxJobAttempts: number;
  /**
   * Which non-public addresses webhooks, pushes and async MDNs may connect to (OPENVAN_OUTBOUND_ALLOW); by
   * default none: an account or a partner cannot make the network call its own machine or private network.
   */
  readonly outboundAllow: OutboundAllow;
}

export const defaultNetworkSettings: NetworkSettings = Object.freeze({
  duplicateWindowMs: 30 * 24 * 3600_000,
  resendWindowMs: 10 * 60_000,
  retentionMs: 30 * 24 * 3600_000,
  orphanBlobAgeMs: 24 * 3600_000,
  maxMessageBytes: 64 * 1024 ** 3,
  maxJobAttempts: 8,
  outboundAllow: publicOnly,
});

/** What every network operation works with: the stores, the clock and the settings. No globals. */
export interface NetworkContext {
  readonly store: MetadataStore;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly settings: NetworkSettings;
  /**
   * Group commit: the small transactions of the moment (receives, the work of jobs, small blobs) commit
   * together, one flush to disk for many.
   */
  readonly commits: CommitBatcher;
  /** Told the interchanges' states of each message once its routing has committed (e.g. to count them). */
  readonly routed?: (states: readonly InterchangeState[]) => void;
  /** Told what each receive came to, on every channel (e.g. to count them). */
  readonly received?: (channel: string, verdict: ReceiveVerdict) => void;
}

/** The context of one network on these stores, with its own commit batcher. */
export function createNetworkContext(parts: Omit<NetworkContext, "commits">): NetworkContext {
  return {
    ...parts,
    commits: new CommitBatcher(parts.store, undefined, parts.store.capabilities.commitLanes),
  };
}
