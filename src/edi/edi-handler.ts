import type { EdiError } from "./edi-error.js";
import type {
  FunctionalGroup,
  GroupHeader,
  Interchange,
  InterchangeHeader,
  SetHeader,
  TransactionSet,
} from "./envelope-model.js";
import type { SegmentView } from "./segment-view.js";

/**
 * What a reader tells its consumer, in input order. `segment` receives every segment, envelope segments
 * included, through a view that is only valid during the call. All callbacks are optional.
 */
export interface EdiHandler {
  interchangeStart?(header: InterchangeHeader): void;
  groupStart?(group: GroupHeader): void;
  setStart?(set: SetHeader): void;
  segment?(segment: SegmentView): void;
  setEnd?(set: TransactionSet): void;
  groupEnd?(group: FunctionalGroup): void;
  interchangeEnd?(interchange: Interchange): void;
  error?(error: EdiError): void;
}
