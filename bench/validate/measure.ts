import { closeSync, openSync, readSync } from "node:fs";
import { EdiReader } from "../../src/edi/edi-reader.js";
import { builtinGuides } from "../../src/edi/guides/builtin-guides.js";
import { startValidation } from "../../src/edi/guides/validate-interchanges.js";

export type Mode = "read" | "validate";

export interface Measurement {
  readonly mode: Mode;
  readonly seconds: number;
  /** Loading the built-in guides (validate mode), before the timed pass. */
  readonly guideLoadSeconds: number;
  readonly bytes: number;
  readonly sets: number;
  /** Sets that had a guide (validate mode). */
  readonly guided: number;
  readonly findings: number;
  readonly peakRssMB: number;
}

const CHUNK = 64 * 1024;

/** Feeds the file in 64 KiB chunks to `write`; the same loop serves both modes, so only the work differs. */
function feed(path: string, write: (chunk: Uint8Array) => void): number {
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      write(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

/** One timed pass over `path`: the bare reader with an empty handler, or the full validation with acks' reports. */
export function measure(mode: Mode, path: string): Measurement {
  // Loading and checking the built-in guides happens once per process, before any document: timed apart.
  const loading = process.hrtime.bigint();
  const guides = mode === "validate" ? builtinGuides() : null;
  const guideLoadSeconds = Number(process.hrtime.bigint() - loading) / 1e9;
  const started = process.hrtime.bigint();
  let sets = 0;
  let guided = 0;
  let findings = 0;
  let bytes: number;
  if (mode === "read") {
    const reader = new EdiReader({ setEnd: () => sets++ });
    bytes = feed(path, (c) => reader.write(c));
    reader.end();
  } else {
    // Reports are taken as each interchange ends, as the network does, rather than kept for the whole file.
    const run = startValidation(guides ?? builtinGuides(), {
      onReport(r) {
        for (const g of r.groups)
          for (const s of g.sets) {
            sets++;
            if (s.guide !== null) guided++;
          }
      },
    });
    bytes = feed(path, (c) => run.write(c));
    findings = run.finish().findings.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return { mode, seconds, guideLoadSeconds, bytes, sets, guided, findings, peakRssMB };
}
