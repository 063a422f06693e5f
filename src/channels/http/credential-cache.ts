import type { Principal } from "../../network/index.js";

export interface CredentialCacheOptions {
  /** How long a checked API key or session is trusted without asking the database again. */
  readonly ttlMs: number;
  /** Credentials remembered at most; beyond, the oldest are forgotten. */
  readonly maxEntries: number;
}

/**
 * 5 s: a revoked key, an ended session or a disabled user stops working on every node within 5 seconds (at
 * once on the node that made the change), while a client sending many messages costs one lookup per 5 s.
 */
export const defaultCredentialCacheOptions: CredentialCacheOptions = Object.freeze({
  ttlMs: 5_000,
  maxEntries: 10_000,
});

interface Entry {
  readonly principal: Principal;
  readonly until: number;
}

/**
 * The principals of credentials checked a moment ago, per HTTP channel. Only valid credentials are kept, so
 * that guessing cannot fill it; a session is never trusted past its own expiry.
 */
export class CredentialCache {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly options: CredentialCacheOptions = defaultCredentialCacheOptions) {}

  get(credential: string, now: number): Principal | null {
    const entry = this.#entries.get(credential);
    if (entry === undefined) return null;
    if (entry.until > now) return entry.principal;
    this.#entries.delete(credential);
    return null;
  }

  set(credential: string, principal: Principal, now: number): void {
    if (this.options.ttlMs <= 0) return;
    const expires = principal.kind === "session" ? Date.parse(principal.expiresAt) : Number.POSITIVE_INFINITY;
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(credential, { principal, until: Math.min(now + this.options.ttlMs, expires) });
  }

  forget(credential: string): void {
    this.#entries.delete(credential);
  }

  /** Forgets every cached session of the user (disabled, password reset). */
  forgetUser(userId: string): void {
    for (const [credential, entry] of this.#entries) {
      if (entry.principal.kind === "session" && entry.principal.userId === userId) {
        this.#entries.delete(credential);
      }
    }
  }
}
