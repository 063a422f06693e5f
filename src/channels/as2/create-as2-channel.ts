import type { FastifyPluginAsync } from "fastify";
import {
  type DeliveryTransport,
  type JobHandler,
  type NetworkContext,
  outboundFetch,
  outboundGuard,
} from "../../network/index.js";
import { as2AdminRoutes } from "./admin/as2-admin-routes.js";
import type { As2Context } from "./as2-context.js";
import { NetworkKeyRing } from "./keys/network-key-ring.js";
import { sweepAs2Certificates } from "./keys/sweep-certificates.js";
import { as2MdnJobHandler } from "./receive/as2-mdn-job.js";
import { as2Route } from "./receive/as2-route.js";
import { as2Transport } from "./send/as2-transport.js";

export interface As2ChannelOptions {
  readonly ctx: NetworkContext;
  readonly as2Id: string;
  readonly product: string;
  readonly maxBytes: number;
  readonly poke: () => void;
  /**
   * The HTTP client of outbound messages and async MDNs; by default one that connects only where the network's
   * outbound guard allows.
   */
  readonly fetch?: typeof fetch;
  /** This node's base URL as partners reach it, once known (for async MDNs to come back to). */
  readonly publicUrl?: () => string | null;
}

/** The AS2 channel of one instance: the /as2 route, admin routes, the async-MDN job and the push transport. */
export interface As2Channel {
  readonly context: As2Context;
  /** POST /as2 and GET /as2/certificate, at the root of the HTTP listener. */
  readonly route: FastifyPluginAsync;
  /** The admin routes under /api/v1 (register with that prefix, behind API-key authentication). */
  readonly adminRoutes: FastifyPluginAsync;
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
  readonly transport: DeliveryTransport;
  /** Warns about certificates that end within 30 days (events + notifications), once each. */
  sweepCertificates(): Promise<number>;
}

/** Loads (or, the first time, generates) the network's AS2 keys and builds the channel around them. */
export async function createAs2Channel(options: As2ChannelOptions): Promise<As2Channel> {
  const context: As2Context = {
    ctx: options.ctx,
    as2Id: options.as2Id,
    product: options.product,
    keys: await NetworkKeyRing.open(options.ctx, options.as2Id),
    maxBytes: options.maxBytes,
    poke: options.poke,
    fetch: options.fetch ?? outboundFetch(outboundGuard(options.ctx.settings.outboundAllow)),
    publicUrl: options.publicUrl ?? (() => null),
  };
  return {
    context,
    route: as2Route(context),
    adminRoutes: as2AdminRoutes(context),
    jobHandlers: { as2_mdn: as2MdnJobHandler(context) },
    transport: as2Transport(context),
    sweepCertificates: () => sweepAs2Certificates(options.ctx),
  };
}
