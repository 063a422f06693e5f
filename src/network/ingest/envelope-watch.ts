import { type EdiError, EdiReader, type Standard, sniff } from "../../edi/index.js";
import type { ErrorCode } from "../../kernel/index.js";
import { EnvelopeCollector, type EnvelopeSummary } from "../routing/envelope-collector.js";

/** Faults that leave no interchange that could be routed as a unit; the message is refused at the door. */
const fatalCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "EDI_TRUNCATED",
  "EDI_INTERCHANGE_TRAILER_MISSING",
  "EDI_INTERCHANGE_HEADER_MISSING",
  "EDI_ISA_INVALID",
  "EDI_UNA_INVALID",
  "EDI_NO_ENVELOPE",
]);

const headBytes = 64;
const keptErrors = 100;

export interface WatchOutcome {
  /** `x12`, `edifact`, or `file` for anything else. */
  readonly format: Standard | "file";
  readonly interchanges: number;
  /** Envelope faults that make the message unroutable (first 100). */
  readonly fatal: readonly EdiError[];
  /** What routing needs of each interchange, when there were at most `keepEnvelopes`; else null. */
  readonly envelopes: readonly EnvelopeSummary[] | null;
}

/**
 * Looks at a message's bytes while they stream to the blob store: decides the format from the first bytes and,
 * for X12 and EDIFACT, reads the envelopes as they pass (constant memory), so that a truncated or broken
 * interchange is refused before the sender is told "received".
 */
export class EnvelopeWatch {
  private head: Buffer = Buffer.alloc(0);
  private format: Standard | "file" | null = null;
  private reader: EdiReader | null = null;
  private interchanges = 0;
  private readonly fatal: EdiError[] = [];
  private readonly collector: EnvelopeCollector;

  /** `keepEnvelopes`: sum up the interchanges for routing when there are at most this many. */
  constructor(keepEnvelopes = 0) {
    this.collector = new EnvelopeCollector(keepEnvelopes);
  }

  async *watch(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      this.take(chunk, false);
      yield chunk;
    }
    this.take(new Uint8Array(0), true);
  }

  outcome(): WatchOutcome {
    return {
      format: this.format ?? "file",
      interchanges: this.interchanges,
      fatal: this.fatal,
      envelopes: this.reader === null ? null : this.collector.summaries(),
    };
  }

  private take(chunk: Uint8Array, final: boolean): void {
    if (this.format === null) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < headBytes && !final) return;
      this.format = sniff(this.head)?.standard ?? "file";
      if (this.format !== "file") this.startReader();
      chunk = this.head;
      this.head = Buffer.alloc(0);
    }
    if (this.reader === null) return;
    if (chunk.length > 0) this.reader.write(chunk);
    if (final) this.reader.end();
  }

  private startReader(): void {
    const collector = this.collector;
    this.reader = new EdiReader({
      interchangeStart: () => collector.interchangeStart(),
      setStart: (set) => collector.setStart(set),
      interchangeEnd: (interchange) => {
        this.interchanges++;
        collector.interchangeEnd(interchange);
      },
      error: (e) => {
        if (fatalCodes.has(e.code) && this.fatal.length < keptErrors) this.fatal.push(e);
        collector.error(e);
      },
    });
  }
}
