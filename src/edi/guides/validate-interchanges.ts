import type { AckReport, GuideFault } from "../acks/ack-report.js";
import { ackReportCollector } from "../acks/ack-report-collector.js";
import type { EdiError } from "../edi-error.js";
import { EdiReader } from "../edi-reader.js";
import type { GuideSet } from "./guide-set.js";
import { type GuideValidatorOptions, guideValidatingHandler } from "./guide-validator.js";

export interface ValidationResult {
  /** One report per interchange, guide faults placed beside syntax faults: render it as TA1/997/999/CONTRL. */
  readonly reports: AckReport[];
  /**
   * Every fault found, in input order: the reader's syntax and envelope faults (those outside any
   * interchange included) and the faults found against guides.
   */
  readonly findings: EdiError[];
}

export interface ValidationOptions extends GuideValidatorOptions {
  /**
   * Receives each interchange's report as soon as the interchange ends; the reports are then not kept (the
   * result's `reports` stays empty), so that memory does not grow with the input.
   */
  readonly onReport?: (report: AckReport) => void;
}

/** A validation run fed chunk by chunk (for streams); `finish` ends the input and returns the result. */
export interface ValidationRun {
  write(chunk: Uint8Array): void;
  finish(): ValidationResult;
}

/** Starts a streaming validation run; memory stays bounded by the longest segment and the faults found. */
export function startValidation(guides: GuideSet, options: ValidationOptions = {}): ValidationRun {
  const collector = ackReportCollector(options.onReport);
  const findings: EdiError[] = [];
  const collecting = {
    ...collector,
    guideFault(f: GuideFault) {
      findings.push(f.error);
      collector.guideFault(f);
    },
  };
  const handler = guideValidatingHandler(guides, collecting, options);
  const reader = new EdiReader({
    ...handler,
    error(e) {
      findings.push(e);
      handler.error?.(e);
    },
  });
  return {
    write: (chunk) => reader.write(chunk),
    finish() {
      reader.end();
      return { reports: collector.reports, findings: findings.sort((a, b) => a.offset - b.offset) };
    },
  };
}

/**
 * Validates every interchange of an input (whole bytes or chunks) against `guides` (built-ins and partner
 * guides) in one pass: syntax and envelopes as the reader checks them, then each transaction set against the
 * guide chosen by standard, version (ST03 / GS08 / UNH S009) and set id. Sets without a guide get the
 * syntax checks only; their SetReport says `guide: null`.
 */
export function validateInterchanges(
  input: Uint8Array | Iterable<Uint8Array>,
  guides: GuideSet,
  options: ValidationOptions = {},
): ValidationResult {
  const run = startValidation(guides, options);
  if (input instanceof Uint8Array) run.write(input);
  else for (const chunk of input) run.write(chunk);
  return run.finish();
}

/** The same over an async stream of chunks (a file stream, an HTTP body, a blob). */
export async function validateInterchangeStream(
  source: AsyncIterable<Uint8Array>,
  guides: GuideSet,
  options: ValidationOptions = {},
): Promise<ValidationResult> {
  const run = startValidation(guides, options);
  for await (const chunk of source) run.write(chunk);
  return run.finish();
}
