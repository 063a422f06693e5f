/*
 * The JSON data files that make up the built-in guides. Each file is imported as a JSON module, so the build
 * (tsc) copies it into dist beside this module and no file is read at run time (src/edi does no I/O).
 *
 * To add a data file: one import line (the linter keeps imports sorted) and one entry in the matching list
 * below, in its section. A dictionary
 * entry names its standard and version; a guide file carries its own id, standard, versions and set.
 * The shape of every file is checked when the registry is built (`load-guide.ts`), with errors that name the
 * file and the path inside it.
 */

import edifactGuideAPERAK from "./data/edifact/APERAK.json" with { type: "json" };
import edifactGuideCONTRL from "./data/edifact/CONTRL.json" with { type: "json" };
import edifactSegmentsD01B from "./data/edifact/D01B/segments.json" with { type: "json" };
import edifactSegmentsD96A from "./data/edifact/D96A/segments.json" with { type: "json" };
import edifactGuideDESADV from "./data/edifact/DESADV.json" with { type: "json" };
import edifactGuideIFTMIN from "./data/edifact/IFTMIN.json" with { type: "json" };
import edifactGuideINVOIC from "./data/edifact/INVOIC.json" with { type: "json" };
import edifactGuideORDERS from "./data/edifact/ORDERS.json" with { type: "json" };
import edifactGuideORDRSP from "./data/edifact/ORDRSP.json" with { type: "json" };
import x12Guide204 from "./data/x12/204.json" with { type: "json" };
import x12Guide210 from "./data/x12/210.json" with { type: "json" };
import x12Guide214 from "./data/x12/214.json" with { type: "json" };
import x12Guide810 from "./data/x12/810.json" with { type: "json" };
import x12Guide820 from "./data/x12/820.json" with { type: "json" };
import x12Guide824 from "./data/x12/824.json" with { type: "json" };
import x12Guide846 from "./data/x12/846.json" with { type: "json" };
import x12Guide850 from "./data/x12/850.json" with { type: "json" };
import x12Guide852 from "./data/x12/852.json" with { type: "json" };
import x12Guide855 from "./data/x12/855.json" with { type: "json" };
import x12Guide856 from "./data/x12/856.json" with { type: "json" };
import x12Guide860 from "./data/x12/860.json" with { type: "json" };
import x12Guide865 from "./data/x12/865.json" with { type: "json" };
import x12Guide940 from "./data/x12/940.json" with { type: "json" };
import x12Guide943 from "./data/x12/943.json" with { type: "json" };
import x12Guide944 from "./data/x12/944.json" with { type: "json" };
import x12Guide945 from "./data/x12/945.json" with { type: "json" };
import x12Guide990 from "./data/x12/990.json" with { type: "json" };
import x12Guide997 from "./data/x12/997.json" with { type: "json" };
import x12Guide999 from "./data/x12/999.json" with { type: "json" };
import x12Segments004010 from "./data/x12/004010/segments.json" with { type: "json" };
import x12Segments005010 from "./data/x12/005010/segments.json" with { type: "json" };
import hipaaGuide2704010X092A1 from "./data/x12-hipaa/270-004010X092A1.json" with { type: "json" };
import hipaaGuide2705010X279A1 from "./data/x12-hipaa/270-005010X279A1.json" with { type: "json" };
import hipaaGuide2714010X092A1 from "./data/x12-hipaa/271-004010X092A1.json" with { type: "json" };
import hipaaGuide2715010X279A1 from "./data/x12-hipaa/271-005010X279A1.json" with { type: "json" };
import hipaaGuide2764010X093A1 from "./data/x12-hipaa/276-004010X093A1.json" with { type: "json" };
import hipaaGuide2765010X212 from "./data/x12-hipaa/276-005010X212.json" with { type: "json" };
import hipaaGuide2774010X093A1 from "./data/x12-hipaa/277-004010X093A1.json" with { type: "json" };
import hipaaGuide2775010X212 from "./data/x12-hipaa/277-005010X212.json" with { type: "json" };
import hipaaGuide8345010X220A1 from "./data/x12-hipaa/834-005010X220A1.json" with { type: "json" };
import hipaaGuide8354010X091A1 from "./data/x12-hipaa/835-004010X091A1.json" with { type: "json" };
import hipaaGuide8355010X221A1 from "./data/x12-hipaa/835-005010X221A1.json" with { type: "json" };
import hipaaGuide837P4010X098A1 from "./data/x12-hipaa/837P-004010X098A1.json" with { type: "json" };
import hipaaGuide837P5010X222A1 from "./data/x12-hipaa/837P-005010X222A1.json" with { type: "json" };
import type { GuideStandard } from "./guide-types.js";

export interface BuiltinDictionaryFile {
  readonly file: string;
  readonly standard: GuideStandard;
  readonly version: string;
  readonly data: unknown;
}

export interface BuiltinGuideFile {
  readonly file: string;
  readonly data: unknown;
}

export const builtinDictionaryFiles: readonly BuiltinDictionaryFile[] = [
  // --- X12 ---
  { file: "x12/004010/segments.json", standard: "x12", version: "004010", data: x12Segments004010 },
  { file: "x12/005010/segments.json", standard: "x12", version: "005010", data: x12Segments005010 },
  // --- EDIFACT ---
  { file: "edifact/D96A/segments.json", standard: "edifact", version: "D96A", data: edifactSegmentsD96A },
  { file: "edifact/D01B/segments.json", standard: "edifact", version: "D01B", data: edifactSegmentsD01B },
];

export const builtinGuideFiles: readonly BuiltinGuideFile[] = [
  // --- X12 ---
  { file: "x12/204.json", data: x12Guide204 },
  { file: "x12/210.json", data: x12Guide210 },
  { file: "x12/214.json", data: x12Guide214 },
  { file: "x12/810.json", data: x12Guide810 },
  { file: "x12/820.json", data: x12Guide820 },
  { file: "x12/824.json", data: x12Guide824 },
  { file: "x12/846.json", data: x12Guide846 },
  { file: "x12/850.json", data: x12Guide850 },
  { file: "x12/852.json", data: x12Guide852 },
  { file: "x12/855.json", data: x12Guide855 },
  { file: "x12/856.json", data: x12Guide856 },
  { file: "x12/860.json", data: x12Guide860 },
  { file: "x12/865.json", data: x12Guide865 },
  { file: "x12/940.json", data: x12Guide940 },
  { file: "x12/943.json", data: x12Guide943 },
  { file: "x12/944.json", data: x12Guide944 },
  { file: "x12/945.json", data: x12Guide945 },
  { file: "x12/990.json", data: x12Guide990 },
  { file: "x12/997.json", data: x12Guide997 },
  { file: "x12/999.json", data: x12Guide999 },
  // --- EDIFACT and HIPAA ---
  { file: "edifact/APERAK.json", data: edifactGuideAPERAK },
  { file: "edifact/CONTRL.json", data: edifactGuideCONTRL },
  { file: "edifact/DESADV.json", data: edifactGuideDESADV },
  { file: "edifact/IFTMIN.json", data: edifactGuideIFTMIN },
  { file: "edifact/INVOIC.json", data: edifactGuideINVOIC },
  { file: "edifact/ORDERS.json", data: edifactGuideORDERS },
  { file: "edifact/ORDRSP.json", data: edifactGuideORDRSP },
  { file: "x12-hipaa/270-004010X092A1.json", data: hipaaGuide2704010X092A1 },
  { file: "x12-hipaa/270-005010X279A1.json", data: hipaaGuide2705010X279A1 },
  { file: "x12-hipaa/271-004010X092A1.json", data: hipaaGuide2714010X092A1 },
  { file: "x12-hipaa/271-005010X279A1.json", data: hipaaGuide2715010X279A1 },
  { file: "x12-hipaa/276-004010X093A1.json", data: hipaaGuide2764010X093A1 },
  { file: "x12-hipaa/276-005010X212.json", data: hipaaGuide2765010X212 },
  { file: "x12-hipaa/277-004010X093A1.json", data: hipaaGuide2774010X093A1 },
  { file: "x12-hipaa/277-005010X212.json", data: hipaaGuide2775010X212 },
  { file: "x12-hipaa/834-005010X220A1.json", data: hipaaGuide8345010X220A1 },
  { file: "x12-hipaa/835-004010X091A1.json", data: hipaaGuide8354010X091A1 },
  { file: "x12-hipaa/835-005010X221A1.json", data: hipaaGuide8355010X221A1 },
  { file: "x12-hipaa/837P-004010X098A1.json", data: hipaaGuide837P4010X098A1 },
  { file: "x12-hipaa/837P-005010X222A1.json", data: hipaaGuide837P5010X222A1 },
];
