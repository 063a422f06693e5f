import {
  type EdiError,
  type EdiHandler,
  formatParty,
  type Interchange,
  type SetHeader,
} from "../../edi/index.js";

/** One interchange of a message, as routing needs it. */
export interface EnvelopeSummary {
  readonly interchange: Interchange;
  readonly sender: string;
  readonly receiver: string;
  readonly docTypes: readonly string[];
  readonly setCount: number;
  /** Faults inside the interchange's bytes (counts, control numbers, tags): reported, not blocking. */
  readonly errors: readonly EdiError[];
}

/**
 * Sums up each interchange while a reader passes over a message (an EdiHandler). Sets are counted and their
 * types collected per interchange, not kept, so that memory does not grow with the number of sets; at most
 * `limit` summaries are kept.
 */
export class EnvelopeCollector implements EdiHandler {
  private readonly kept: EnvelopeSummary[] = [];
  private seen = 0;
  private readonly errors: EdiError[] = [];
  private types = new Set<string>();
  private sets = 0;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  interchangeStart(): void {
    this.types = new Set();
    this.sets = 0;
  }

  setStart(set: SetHeader): void {
    this.types.add(set.id);
    this.sets++;
  }

  interchangeEnd(interchange: Interchange): void {
    this.seen++;
    if (this.seen <= this.limit) {
      this.kept.push({
        interchange,
        sender: formatParty(interchange.sender),
        receiver: formatParty(interchange.receiver),
        docTypes: [...this.types].sort(),
        setCount: this.sets,
        errors: this.errors.filter(
          (e) => e.offset >= interchange.range.start && e.offset < interchange.range.end,
        ),
      });
    }
    this.errors.length = 0;
  }

  error(e: EdiError): void {
    if (this.errors.length < 1000) this.errors.push(e);
  }

  /** The summaries in message order; null when the message had more interchanges than the limit. */
  summaries(): readonly EnvelopeSummary[] | null {
    return this.seen > this.limit ? null : this.kept;
  }
}
