import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Renderer, renderAck, setBody } from "../../../test/support/ack-helpers.js";
import { buildAckReports } from "./build-ack-reports.js";
import { render997 } from "./render-997.js";
import { render999 } from "./render-999.js";

/**
 * Agreement with an independent oracle: the 997 / 999 that pyx12 wrote for the sample 837 files next to the
 * repository (<repo>/../shared/peers, README section 3). Envelopes differ by design (dates, control numbers,
 * pyx12's GS08 005010X231 for OpenVAN's 005010X231A1), so AK1 to AK9 are compared.
 */
const peers = fileURLToPath(new URL("../../../../shared/peers/", import.meta.url));
const present = existsSync(join(peers, "pyx12-golden"));
if (!present) console.log("skipped: ../shared/peers/pyx12-golden not found");

const samples: ReadonlyArray<readonly [string, Renderer, string, string]> = [
  ["sample-837p-4010.x12", render997, "AK3", "AK4"],
  ["sample-837p-4010-bad.x12", render997, "AK3", "AK4"],
  ["sample-837p-5010.x12", render999, "IK3", "IK4"],
  ["sample-837p-5010-bad.x12", render999, "IK3", "IK4"],
];

function golden(file: string): string[] {
  const text = readFileSync(join(peers, "pyx12-golden", `${file}.ack`), "latin1");
  const segments = text
    .split("~")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return segments.slice(
    segments.findIndex((s) => s.startsWith("AK1*")),
    segments.findIndex((s) => s.startsWith("SE*")),
  );
}

function ours(file: string, render: Renderer): string[] {
  const [report] = buildAckReports(readFileSync(join(peers, file)));
  if (report === undefined) throw new Error(`no interchange in ${file}`);
  const ack = renderAck(render, report);
  expect(ack?.readBack).toEqual([]);
  return setBody(ack, "ST*", "SE*");
}

const notes = (body: string[], segment: string, element: string): string[] =>
  body.filter((s) => s.startsWith(`${segment}*`) || s.startsWith(`${element}*`));
const fields = (segment: string | undefined): string[] => (segment ?? "").split("*").slice(1);

describe.skipIf(!present)("agreement with pyx12's 997 / 999", () => {
  it.each(samples.filter(([f]) => !f.includes("bad")))(
    "%s: the same acknowledgment of a sound 837",
    (file, render) => {
      expect(ours(file, render)).toEqual(golden(file));
    },
  );

  it.each(samples.filter(([f]) => f.includes("bad")))(
    "%s: the same verdicts, and the SE count fault among the set's codes",
    (file, render, segment, element) => {
      const mine = ours(file, render);
      const theirs = golden(file);
      const setResponse = (body: string[]): string[] => fields(body.find((s) => /^(AK5|IK5)\*/.test(s)));
      expect(mine.find((s) => s.startsWith("AK9*"))).toBe(theirs.find((s) => s.startsWith("AK9*")));
      expect(setResponse(mine)[0]).toBe("R");
      expect(setResponse(theirs)[0]).toBe("R");
      // pyx12 adds 5 "segments in error" for the segment notes that only an implementation guide finds.
      const expected = setResponse(theirs).filter(
        (c) => c !== "5" || notes(mine, segment, element).length > 0,
      );
      expect(setResponse(mine)).toEqual(expected);
    },
  );

  it.for(samples.filter(([f]) => f.includes("bad")))(
    "%s: the same segment and element notes",
    ([file, render, segment, element], ctx) => {
      const mine = notes(ours(file, render), segment, element);
      const theirs = notes(golden(file), segment, element);
      for (const note of mine) expect(theirs).toContain(note);
      const missing = theirs.filter((n) => !mine.includes(n));
      // What OpenVAN does not find yet needs the implementation guide (issue 4, validation): the segment table
      // of the 837 (a mandatory segment missing, AK304 / IK304 3) and element values (an invalid date, AK403 /
      // IK403 8; a code value, 7; a time, 9). Nothing else may be missing.
      const guideOnly = missing.every((n) => {
        const [tag, ...rest] = n.split("*");
        const code = tag === segment ? rest[3] : rest[2];
        return tag === segment ? ["3", "8"].includes(code ?? "") : ["7", "8", "9"].includes(code ?? "");
      });
      expect(guideOnly, `notes beyond the guide's part: ${missing.join(" ")}`).toBe(true);
      if (missing.length > 0)
        ctx.skip(`needs implementation-guide validation (issue 4), not syntax: ${missing.join(" ")}`);
    },
  );
});
