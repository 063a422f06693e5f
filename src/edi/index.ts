export {
  type AckAnswer,
  type AckContext,
  type AckReport,
  type AckReportCollector,
  type AckStatus,
  ackReportCollector,
  buildAckReport,
  buildAckReports,
  type ContrlOptions,
  type ElementFault,
  type FaultWeight,
  faultWeight,
  type GroupAckStatus,
  type GroupAnswer,
  type GroupFindings,
  type GroupReport,
  type InterchangeFindings,
  readAcknowledgments,
  render997,
  render999,
  renderContrl,
  renderTa1,
  type SegmentFault,
  type SetAnswer,
  type SetFindings,
  type SetReport,
} from "./acks/index.js";
export { type ControlLevel, type ControlNumberSource, sequentialControlNumbers } from "./control-numbers.js";
export {
  type DelimiterBytes,
  type Delimiters,
  edifactDefaultDelimiters,
  x12DefaultDelimiters,
} from "./delimiters.js";
export { type EdiError, type EdiPosition, ediError } from "./edi-error.js";
export type { EdiHandler } from "./edi-handler.js";
export type { ElementValue, InterchangeJson, SegmentJson } from "./edi-json.js";
export { type JsonReadResult, readEdiJson } from "./edi-json-reader.js";
export { EdiReader, type EdiReaderOptions } from "./edi-reader.js";
export { type WriteOptions, writeEdi, writeInterchange } from "./edi-writer.js";
export { buildInterchange, type GroupSpec, type InterchangeSpec, type SetSpec } from "./envelope-builder.js";
export {
  type ByteRange,
  type FunctionalGroup,
  formatParty,
  type GroupHeader,
  type Interchange,
  type InterchangeHeader,
  type Party,
  type SetHeader,
  type Standard,
  type TransactionSet,
} from "./envelope-model.js";
export { type ReadResult, readEdi, readEdiStream } from "./read-edi.js";
export { SegmentView } from "./segment-view.js";
export { sniff } from "./sniff.js";
export type { AckCodes } from "./syntax-error-codes.js";
