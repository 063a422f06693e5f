import { describe, expect, it } from "vitest";
import { builtinGuides, guideFaultCodes, validateInterchanges } from "../src/edi/guides/index.js";
import {
  type AckReport,
  type InterchangeJson,
  render997,
  render999,
  renderContrl,
  sequentialControlNumbers,
  writeInterchange,
} from "../src/edi/index.js";
import { conformanceBytes, conformanceManifest, conformancePresent } from "./support/conformance-corpus.js";
import { ackDeviations, guideDeviations } from "./support/guide-conformance-expectations.js";

const present = conformancePresent;
const manifest = conformanceManifest();
const sound = manifest.filter((e) => !e.negative);
const guides = builtinGuides();
const now = new Date("2024-03-16T08:05:00Z");

/** Codes of the faults only a guide finds (the reader's own are the conformance test's business). */
const guideCodes = new Set<string>(guideFaultCodes);

/** The acknowledgments OpenVAN sends for one interchange: 999 under 005010X conventions, else 997; CONTRL. */
function acksOf(report: AckReport): InterchangeJson[] {
  const out: (InterchangeJson | null)[] = [];
  if (report.interchange.standard === "edifact")
    out.push(renderContrl(report, sequentialControlNumbers(), now));
  else if (report.groups.some((g) => /^005010X/.test(g.group.version ?? "")))
    out.push(render999(report, sequentialControlNumbers(), now));
  else out.push(render997(report, sequentialControlNumbers(), now));
  return out.filter((a): a is InterchangeJson => a !== null);
}

describe.skipIf(!present)("built-in guides over the conformance corpus (../shared/conformance)", () => {
  it.each(sound.map((e) => [e.file, e] as const))("%s: only the known guide deviations", (_, e) => {
    const { findings } = validateInterchanges(conformanceBytes(e), guides);
    const found = [
      ...new Set(findings.filter((f) => guideCodes.has(f.code)).map((f) => `${f.tag}:${f.code}`)),
    ].sort();
    expect(found).toEqual([...(guideDeviations[e.file] ?? [])].sort());
  });

  it.each(sound.map((e) => [e.file, e] as const))(
    "%s: its acknowledgments read back clean and validate against the acknowledgment guides",
    (_, e) => {
      const { reports } = validateInterchanges(conformanceBytes(e), guides);
      const faults: string[] = [];
      for (const report of reports) {
        for (const ack of acksOf(report)) {
          let bytes: Buffer;
          try {
            bytes = writeInterchange(ack, { lineBreak: "\n" });
          } catch (error) {
            faults.push((error as { code: string }).code);
            continue;
          }
          const back = validateInterchanges(bytes, guides);
          faults.push(...back.findings.map((f) => f.code));
          for (const s of back.reports.flatMap((r) => r.groups.flatMap((g) => g.sets)))
            if (s.guide === null) faults.push(`no guide for ${s.set.id}`);
        }
      }
      expect([...new Set(faults)].sort()).toEqual([...(ackDeviations[e.file] ?? [])].sort());
    },
  );
});
