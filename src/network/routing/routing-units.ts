import type { MessageRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import type { EnvelopeSummary } from "./envelope-collector.js";

/** One unit to route: an interchange of an EDI message, or the whole of a file. */
export interface RoutingUnit {
  readonly standard: string;
  readonly sender: string | null;
  readonly receiver: string;
  readonly control: string;
  readonly version: string;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly docTypes: readonly string[];
  readonly setCount: number;
  readonly warnings: readonly string[];
  /** ISA14 = 1 / UNB 0031 = 1: the sender asks for an acknowledgment (absent in jobs queued before it existed). */
  readonly ackRequested?: boolean;
}

/**
 * The units of an EDI message of `size` bytes, one per interchange. A message of one interchange is delivered
 * whole, byte for byte as it was received (line ends or padding around the envelope included); the
 * interchanges of a larger message are delivered each on its own.
 */
export function ediRoutingUnits(summaries: readonly EnvelopeSummary[], size: number): RoutingUnit[] {
  const units = summaries.map(ediUnit);
  const [only] = units;
  return units.length === 1 && only !== undefined ? [{ ...only, rangeStart: 0, rangeEnd: size }] : units;
}

/** The one unit of a non-EDI file: from the sending account's first identity to the named recipient. */
export async function fileRoutingUnit(ctx: NetworkContext, message: MessageRecord): Promise<RoutingUnit> {
  const own = await ctx.store.identities.listByAccount(message.accountId);
  const first = own[0];
  return {
    standard: "file",
    sender:
      first === undefined ? null : first.qualifier === "" ? first.value : `${first.qualifier}:${first.value}`,
    receiver: message.toIdentity ?? "",
    control: message.id,
    version: "",
    rangeStart: 0,
    rangeEnd: message.size,
    docTypes: [],
    setCount: 0,
    warnings: [],
  };
}

/** Routing units read back from JSON (a job's payload); null when the value is not a list of them. */
export function routingUnitsFrom(value: unknown): RoutingUnit[] | null {
  if (!Array.isArray(value)) return null;
  const units: RoutingUnit[] = [];
  for (const item of value) {
    if (!isRoutingUnit(item)) return null;
    units.push(item);
  }
  return units;
}

function ediUnit(summary: EnvelopeSummary): RoutingUnit {
  const ic = summary.interchange;
  return {
    standard: ic.standard,
    sender: summary.sender,
    receiver: summary.receiver,
    control: ic.control,
    version: ic.version,
    rangeStart: ic.range.start,
    rangeEnd: ic.range.end,
    docTypes: summary.docTypes,
    setCount: summary.setCount,
    warnings: summary.errors.map((e) => `${e.code} at byte ${e.offset}`),
    ackRequested: ic.ackRequested,
  };
}

function isRoutingUnit(value: unknown): value is RoutingUnit {
  if (typeof value !== "object" || value === null) return false;
  const unit = value as Record<string, unknown>;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((s) => typeof s === "string");
  return (
    typeof unit.standard === "string" &&
    (unit.sender === null || typeof unit.sender === "string") &&
    typeof unit.receiver === "string" &&
    typeof unit.control === "string" &&
    typeof unit.version === "string" &&
    Number.isSafeInteger(unit.rangeStart) &&
    Number.isSafeInteger(unit.rangeEnd) &&
    strings(unit.docTypes) &&
    Number.isSafeInteger(unit.setCount) &&
    strings(unit.warnings) &&
    (unit.ackRequested === undefined || typeof unit.ackRequested === "boolean")
  );
}
