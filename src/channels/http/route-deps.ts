import type { NetworkContext } from "../../network/index.js";
import type { CredentialCache } from "./credential-cache.js";
import type { OpenVanMetrics } from "./openvan-metrics.js";

/** What the routes of the HTTP channel work with. */
export interface RouteDeps {
  readonly ctx: NetworkContext;
  readonly metrics: OpenVanMetrics;
  /** The local job runner, told when a job was queued here so that routing starts at once. */
  readonly jobs: { poke(): void } | null;
  /** Credentials checked a moment ago; a route that ends a session or changes a user makes it forget them. */
  readonly credentials?: CredentialCache | null;
}
