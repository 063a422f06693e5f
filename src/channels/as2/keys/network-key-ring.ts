import type { NetworkContext } from "../../../network/index.js";
import { loadNetworkKeys, type NetworkKeys, networkKeysOf, networkOwner } from "./network-keys.js";

/** How long a node uses the key pairs it read before it reads them again. */
const rereadAfterMs = 5_000;

/**
 * The network's AS2 key pairs as every node of the network sees them. A pair imported or generated through one
 * node is stored in the shared database; each node reads the pairs again when it last read them more than five
 * seconds ago, so that all of them decrypt messages encrypted to the new certificate, and sign with the newest
 * valid pair, within seconds and without a restart. The node that made the change reads them at once.
 */
export class NetworkKeyRing {
  readonly #ctx: NetworkContext;
  #keys: NetworkKeys;
  #readAt: number;
  #reading: Promise<NetworkKeys> | null = null;

  private constructor(ctx: NetworkContext, keys: NetworkKeys) {
    this.#ctx = ctx;
    this.#keys = keys;
    this.#readAt = ctx.clock.now().getTime();
  }

  /** Loads the pairs (generating the network's first one when there is none yet). */
  static async open(ctx: NetworkContext, as2Id: string): Promise<NetworkKeyRing> {
    return new NetworkKeyRing(ctx, await loadNetworkKeys(ctx, as2Id));
  }

  /** The pairs to use now. Should the database not answer, the pairs read last are used meanwhile. */
  async current(): Promise<NetworkKeys> {
    if (this.#ctx.clock.now().getTime() - this.#readAt < rereadAfterMs) return this.#keys;
    return this.reread().catch(() => this.#keys);
  }

  /** Reads the pairs from the database now (one read for the callers that ask meanwhile). */
  reread(): Promise<NetworkKeys> {
    this.#reading ??= (async () => {
      try {
        const records = await this.#ctx.store.as2.listCertificates(networkOwner);
        const now = this.#ctx.clock.now();
        this.#keys = networkKeysOf(records, now);
        this.#readAt = now.getTime();
        return this.#keys;
      } finally {
        this.#reading = null;
      }
    })();
    return this.#reading;
  }
}
