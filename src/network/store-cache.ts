import type { MetadataStore } from "../storage/ports/index.js";
import type { NetworkContext } from "./network-context.js";

interface Entry<V> {
  readonly until: number;
  readonly value: V;
}

/**
 * A short-lived cache of what routing reads for every message and what rarely changes, one per metadata store
 * (one network), so that several networks in one process never mix. Changes made through this node forget the
 * entry at once; other nodes sharing the database see them once `ttlMs` has passed. Time is the context's clock.
 */
export class StoreCache<V> {
  readonly #caches = new WeakMap<MetadataStore, Map<string, Entry<V>>>();

  constructor(readonly ttlMs: number) {}

  get(ctx: NetworkContext, key: string): V | undefined {
    const entry = this.#caches.get(ctx.store)?.get(key);
    return entry !== undefined && entry.until > ctx.clock.now().getTime() ? entry.value : undefined;
  }

  set(ctx: NetworkContext, key: string, value: V): void {
    let cache = this.#caches.get(ctx.store);
    if (cache === undefined) {
      cache = new Map();
      this.#caches.set(ctx.store, cache);
    }
    const now = ctx.clock.now().getTime();
    // A busy network meets many keys: drop the stale entries now and then instead of letting them pile up.
    if (cache.size > 10_000) for (const [k, entry] of cache) if (entry.until <= now) cache.delete(k);
    cache.set(key, { until: now + this.ttlMs, value });
  }

  forget(ctx: NetworkContext, key: string): void {
    this.#caches.get(ctx.store)?.delete(key);
  }
}
