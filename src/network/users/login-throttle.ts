export interface LoginThrottleOptions {
  /** Failed logins allowed per key within the window. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Keys remembered at most; beyond, the oldest are forgotten (memory stays bounded under a flood). */
  readonly maxKeys: number;
}

export const defaultLoginThrottleOptions: LoginThrottleOptions = Object.freeze({
  maxFailures: 5,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
});

/**
 * Slows password guessing: at most `maxFailures` failed logins per key (e-mail address and client address)
 * in any `windowMs`; past that, logins for the key are refused without checking the password until the oldest
 * failure leaves the window. A success clears the key.
 *
 * In memory and per node: a restart forgets, and each node of a scaled-out network counts on its own (so the
 * limit is per node). That is enough to make online guessing slow; it is not an account lockout.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly options: LoginThrottleOptions = defaultLoginThrottleOptions) {}

  /** How long the key must wait before its next attempt, in ms; 0 when it may try now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.options.maxFailures) return 0;
    return (recent[recent.length - this.options.maxFailures] as number) + this.options.windowMs - now;
  }

  failed(key: string, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    // Keep only what the limit looks at.
    if (recent.length > this.options.maxFailures) recent.splice(0, recent.length - this.options.maxFailures);
    this.#failures.delete(key);
    if (this.#failures.size >= this.options.maxKeys) this.#evict(now);
    this.#failures.set(key, recent);
  }

  succeeded(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const since = now - this.options.windowMs;
    return (this.#failures.get(key) ?? []).filter((t) => t > since);
  }

  /** Drops keys whose failures all left the window; when none did, the least recently failed ones. */
  #evict(now: number): void {
    const since = now - this.options.windowMs;
    for (const [key, times] of this.#failures) {
      if (times.every((t) => t <= since)) this.#failures.delete(key);
    }
    for (const key of this.#failures.keys()) {
      if (this.#failures.size < this.options.maxKeys) break;
      this.#failures.delete(key);
    }
  }
}
