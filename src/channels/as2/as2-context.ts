import type { NetworkContext } from "../../network/index.js";
import type { NetworkKeyRing } from "./keys/network-key-ring.js";

/** What the AS2 channel of one OpenVAN instance works with. No globals: two instances may share a process. */
export interface As2Context {
  readonly ctx: NetworkContext;
  /** This network's AS2 id: partners send to it (AS2-To) and receive from it (AS2-From). */
  readonly as2Id: string;
  /** `OpenVAN/<version>`, for AS2-Product, Reporting-UA and User-Agent. */
  readonly product: string;
  /** The network's key pairs, as the database has them (a new pair reaches every node within seconds). */
  readonly keys: NetworkKeyRing;
  /** Largest AS2 body accepted (and largest payload after decompression), in bytes. */
  readonly maxBytes: number;
  /** Told when a message was received, so that routing starts at once. */
  readonly poke: () => void;
  /**
   * HTTP client for outbound messages and async MDNs: one that connects only to addresses the network's
   * outbound guard allows (OPENVAN_OUTBOUND_ALLOW), unless a test gives another.
   */
  readonly fetch: typeof fetch;
  /** This node's base URL as partners reach it (for Receipt-Delivery-Option); null before it listens. */
  readonly publicUrl: () => string | null;
}
