import { readEdi } from "../read-edi.js";
import type { AckReport } from "./ack-report.js";
import { ackReportCollector } from "./ack-report-collector.js";

/**
 * Reads a whole input and builds one validation report per interchange, in one pass. Faults outside any
 * interchange (bytes that are not EDI, a broken ISA) have nobody to be acknowledged to and are left out.
 */
export function buildAckReports(bytes: Uint8Array): AckReport[] {
  const collector = ackReportCollector();
  readEdi(bytes, collector.handler);
  return collector.reports;
}
