export {
  type AckContext,
  type AckReport,
  buildAckReport,
  type ElementFault,
  type GroupFindings,
  type GroupReport,
  type GuideFault,
  type InterchangeFindings,
  type SegmentFault,
  type SetFindings,
  type SetReport,
} from "./ack-report.js";
export { type AckReportCollector, ackReportCollector } from "./ack-report-collector.js";
export { type AckStatus, type FaultWeight, faultWeight, type GroupAckStatus } from "./ack-rules.js";
export { buildAckReports } from "./build-ack-reports.js";
export {
  type AckAnswer,
  type GroupAnswer,
  readAcknowledgments,
  type SetAnswer,
} from "./read-acknowledgments.js";
export { render997 } from "./render-997.js";
export { render999 } from "./render-999.js";
export { type ContrlOptions, renderContrl } from "./render-contrl.js";
export { renderTa1 } from "./render-ta1.js";
