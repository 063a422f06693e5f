import type { AckReport } from "../../src/edi/acks/index.js";
import { buildAckReports } from "../../src/edi/acks/index.js";
import {
  type ControlNumberSource,
  type EdiError,
  type InterchangeJson,
  readEdi,
  sequentialControlNumbers,
  writeInterchange,
} from "../../src/edi/index.js";

/** The clock of every acknowledgment test: dates 20240316 / 240316, time 0805. */
export const ackNow = new Date("2024-03-16T08:05:00Z");

/** The one report of an input holding one interchange. */
export function reportOf(text: string): AckReport {
  const reports = buildAckReports(Buffer.from(text, "latin1"));
  if (reports.length !== 1) throw new Error(`expected one interchange, read ${reports.length}`);
  return reports[0] as AckReport;
}

export type Renderer = (
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
) => InterchangeJson | null;

export interface RenderedAck {
  /** Each segment as written, without its terminator; a UNA keeps its six service characters. */
  readonly segments: string[];
  /** What the engine reports when it reads the acknowledgment back. */
  readonly readBack: EdiError[];
}

/** Renders the acknowledgment of `report` with control numbers from 1 and `ackNow`, writes it, reads it back. */
export function renderAck(render: Renderer, report: AckReport): RenderedAck | null {
  const json = render(report, sequentialControlNumbers(), ackNow);
  if (json === null) return null;
  const bytes = writeInterchange(json, { lineBreak: "\n" });
  const terminator = json.delimiters.segment;
  const segments = bytes
    .toString("latin1")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (line.endsWith(terminator) ? line.slice(0, -terminator.length) : line));
  return { segments, readBack: readEdi(bytes).errors };
}

/** The segments of a rendered acknowledgment between its set header and trailer, both left out. */
export function setBody(ack: RenderedAck | null, header: string, trailer: string): string[] {
  const segments = ack?.segments ?? [];
  const start = segments.findIndex((s) => s.startsWith(`${header}`));
  const end = segments.findIndex((s) => s.startsWith(`${trailer}`));
  return segments.slice(start + 1, end);
}
