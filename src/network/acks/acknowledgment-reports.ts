import { builtinGuides, type GuideSet, validateInterchanges } from "../../edi/guides/index.js";
import type { AckReport } from "../../edi/index.js";

/**
 * The validation reports of an interchange's bytes, one per interchange: the seam between the network and
 * the EDI engine's checks. Syntax and envelopes as the reader checks them, and every transaction set against
 * its implementation guide (the built-in ones unless `guides` says otherwise; partner guides are layered on
 * them with `GuideSet.with`). Sets without a guide get the syntax checks only.
 */
export function acknowledgmentReports(bytes: Uint8Array, guides: GuideSet = builtinGuides()): AckReport[] {
  return validateInterchanges(bytes, guides).reports;
}
