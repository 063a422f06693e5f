export { builtinGuides } from "./builtin-guides.js";
export type { CompiledGuide } from "./compile-guide.js";
export { guideFaultCodes } from "./guide-fault-codes.js";
export { candidateVersions, GuideSet, type SetIdentity } from "./guide-set.js";
export type {
  CompositeElementDef,
  DictionaryEntry,
  ElementDef,
  ElementOverride,
  ElementRequirement,
  ElementType,
  GuideDoc,
  GuideInput,
  GuideNode,
  GuideStandard,
  LoopNode,
  SegmentDef,
  SegmentDictionary,
  SegmentNode,
  SegmentOverride,
  SimpleElementDef,
} from "./guide-types.js";
export { type GuideValidatorOptions, guideValidatingHandler } from "./guide-validator.js";
export { loadGuide, loadSegmentDictionary } from "./load-guide.js";
export type { ResolvedGuide } from "./resolve-guide.js";
export {
  startValidation,
  type ValidationOptions,
  type ValidationResult,
  type ValidationRun,
  validateInterchangeStream,
  validateInterchanges,
} from "./validate-interchanges.js";
