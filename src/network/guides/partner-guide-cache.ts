import { builtinGuides, type GuideInput, type GuideSet, loadGuide } from "../../edi/guides/index.js";
import type { MetadataStore, PartnerGuideRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";

/**
 * How long an account's partner guides (and the guide sets compiled from them) are reused. A write through
 * this node forgets the account at once and keeps it out of the cache for this long, so that nothing read
 * before the write committed is kept; other nodes sharing the database read the change within this time.
 */
export const partnerGuideCacheTtlMs = 2_000;

interface CacheEntry {
  /** Until when the entry may be served; when `guides` is null, a write happened and nothing is kept. */
  readonly until: number;
  readonly guides: readonly PartnerGuideRecord[] | null;
  /** Guide sets by partner ("" for a partner that has no guide of its own), compiled on first use. */
  readonly sets: Map<string, GuideSet>;
}

/** One cache per store, so that two networks in one process never share one. */
const caches = new WeakMap<MetadataStore, Map<string, CacheEntry>>();

function cacheOf(store: MetadataStore): Map<string, CacheEntry> {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
}

/** Called before and after every write of an account's guides on this node. */
export function forgetPartnerGuides(ctx: NetworkContext, accountId: string): void {
  cacheOf(ctx.store).set(accountId, {
    until: Date.now() + partnerGuideCacheTtlMs,
    guides: null,
    sets: new Map(),
  });
}

/**
 * The guides that check what `partner` sends to the account: the built-ins, then the account's guides for all
 * partners, then its guides for this partner (a later guide wins for the same set and version). A stored
 * guide that no longer resolves against the built-ins is left out rather than stopping acknowledgments.
 */
export async function partnerGuideSet(
  ctx: NetworkContext,
  accountId: string,
  partner: string,
): Promise<GuideSet> {
  const cache = cacheOf(ctx.store);
  const now = Date.now();
  let entry = cache.get(accountId);
  if (entry === undefined || entry.guides === null || entry.until <= now) {
    const guides = await ctx.store.partnerGuides.listByAccount(accountId);
    const quiet = cache.get(accountId);
    const fresh: CacheEntry = { until: now + partnerGuideCacheTtlMs, guides, sets: new Map() };
    if (quiet === undefined || quiet.guides !== null || quiet.until <= now) {
      if (cache.size > 10_000) for (const [key, e] of cache) if (e.until <= now) cache.delete(key);
      cache.set(accountId, fresh);
    }
    entry = fresh;
  }
  const guides = entry.guides ?? [];
  const scope = guides.some((g) => g.partner === partner) ? partner : "";
  let set = entry.sets.get(scope);
  if (set === undefined) {
    set = layered(
      guides
        .filter((g) => g.partner === "")
        .concat(guides.filter((g) => scope !== "" && g.partner === scope)),
    );
    entry.sets.set(scope, set);
  }
  return set;
}

function layered(records: readonly PartnerGuideRecord[]): GuideSet {
  const builtins = builtinGuides();
  if (records.length === 0) return builtins;
  const usable: GuideInput[] = [];
  for (const r of records) {
    try {
      const guide = loadGuide(r.document, `partner guide ${r.id}`);
      builtins.with([guide]);
      usable.push(guide);
    } catch {
      // Written when it was sound; a later change of the built-ins may have broken it. Skipped.
    }
  }
  return builtins.with(usable);
}
