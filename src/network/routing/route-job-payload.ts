import type { RoutingUnit } from "./routing-units.js";
import { routingUnitsFrom } from "./routing-units.js";

/** Envelope facts of at most this many interchanges ride along in a route job; larger messages are read again. */
export const carriedUnitsLimit = 16;

/** What a route job says: the message, and the units to route when ingest read them already. */
export interface RouteJob {
  readonly messageId: string;
  readonly units: readonly RoutingUnit[] | null;
}

export function routeJobPayload(job: RouteJob): Record<string, unknown> {
  return job.units === null || job.units.length > carriedUnitsLimit
    ? { messageId: job.messageId }
    : { messageId: job.messageId, units: job.units };
}

export function routeJobFrom(payload: Readonly<Record<string, unknown>>): RouteJob {
  return { messageId: String(payload.messageId), units: routingUnitsFrom(payload.units) };
}
