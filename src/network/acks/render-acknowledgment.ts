import {
  type AckReport,
  type ControlNumberSource,
  type InterchangeJson,
  render997,
  render999,
  renderContrl,
  renderTa1,
} from "../../edi/index.js";
import type { FunctionalAckChoice, GeneratedAckKind } from "../../storage/ports/index.js";

export type Renderer = (
  report: AckReport,
  controls: ControlNumberSource,
  now: Date,
) => InterchangeJson | null;

const renderers: Readonly<Record<GeneratedAckKind, Renderer>> = {
  ta1: renderTa1,
  "997": render997,
  "999": render999,
  contrl: (report, controls, now) => renderContrl(report, controls, now),
};

export function rendererOf(kind: GeneratedAckKind): Renderer {
  return renderers[kind];
}

/** Groups under an X12 005010X2xx implementation convention (HIPAA) are answered with a 999. */
const conventionVersion = /^005010X2\d\d/;

/** The functional acknowledgment a profile's choice means for this report: `auto` picks by GS08. */
export function functionalKind(choice: FunctionalAckChoice, report: AckReport): "997" | "999" | null {
  if (choice === "none") return null;
  if (choice !== "auto") return choice;
  return report.groups.some((g) => conventionVersion.test(g.group.version ?? "")) ? "999" : "997";
}
