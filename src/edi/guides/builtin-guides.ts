import { builtinDictionaryFiles, builtinGuideFiles } from "./builtin-guide-files.js";
import { GuideSet } from "./guide-set.js";
import { loadGuide, loadSegmentDictionary } from "./load-guide.js";

let builtins: GuideSet | null = null;

/**
 * The guides that ship with OpenVAN (`src/edi/guides/data/`), checked on first use. The set is immutable, so
 * one instance serves every network in the process; partner guides are layered with `GuideSet.with`.
 */
export function builtinGuides(): GuideSet {
  builtins ??= GuideSet.of(
    builtinDictionaryFiles.map((f) => ({
      standard: f.standard,
      version: f.version,
      dictionary: loadSegmentDictionary(f.data, f.file),
    })),
    builtinGuideFiles.map((f) => loadGuide(f.data, f.file)),
  );
  return builtins;
}
