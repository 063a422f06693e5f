import type { FunctionalAckChoice } from "../../storage/ports/index.js";

/** What an "ack" job does: decided in the routing transaction, from the profile in force then. */
export interface AckJob {
  readonly messageId: string;
  readonly interchangeId: string;
  /** The account of the interchange's receiver, which the acknowledgments come from. */
  readonly acknowledgingAccountId: string;
  readonly ta1: boolean;
  readonly functional: FunctionalAckChoice;
  readonly contrl: boolean;
  readonly rejectGroupOnSetError: boolean;
}

const functionalChoices: readonly string[] = ["none", "auto", "997", "999"];

/** The job read back from its JSON payload; throws on a payload this code did not write. */
export function ackJobFrom(payload: Readonly<Record<string, unknown>>): AckJob {
  const p = payload as Record<string, unknown>;
  const ok =
    typeof p.messageId === "string" &&
    typeof p.interchangeId === "string" &&
    typeof p.acknowledgingAccountId === "string" &&
    typeof p.ta1 === "boolean" &&
    typeof p.functional === "string" &&
    functionalChoices.includes(p.functional) &&
    typeof p.contrl === "boolean" &&
    typeof p.rejectGroupOnSetError === "boolean";
  if (!ok) throw new Error(`ack job: payload ${JSON.stringify(payload)} is not one this version wrote`);
  return p as unknown as AckJob;
}
