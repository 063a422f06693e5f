/** Document types that are acknowledgments themselves: never answered by another acknowledgment. */
const ackDocTypes: ReadonlySet<string> = new Set(["997", "999", "CONTRL"]);

/** What routing knows of an interchange: its standard, set types and count. */
export interface InterchangeFacts {
  readonly standard: string;
  readonly docTypes: readonly string[];
  readonly setCount: number;
}

/**
 * Whether an interchange carries acknowledgments to reconcile: a 997, 999 or CONTRL set, or (X12) no set at
 * all, which is how an interchange of TA1s arrives.
 */
export function carriesAcknowledgments(ic: InterchangeFacts): boolean {
  if (ic.standard === "x12" && ic.setCount === 0) return true;
  return ic.docTypes.some((t) => ackDocTypes.has(t));
}

/** Whether an interchange holds anything that is not an acknowledgment, and so may be acknowledged. */
export function carriesDocuments(ic: InterchangeFacts): boolean {
  return ic.docTypes.some((t) => !ackDocTypes.has(t));
}

export function isAckDocType(docType: string): boolean {
  return ackDocTypes.has(docType);
}
