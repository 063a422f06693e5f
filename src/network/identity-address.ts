import { OpenVanError } from "../kernel/index.js";

/** An identity written as `QUAL:ID` (X12 ISA05:ISA06, EDIFACT 0007:0004) or `ID` alone when it has no qualifier. */
export interface IdentityAddress {
  readonly qualifier: string;
  readonly value: string;
}

export function parseIdentityAddress(text: string): IdentityAddress {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const qualifier = colon < 0 ? "" : trimmed.slice(0, colon).trim();
  const value = colon < 0 ? trimmed : trimmed.slice(colon + 1).trim();
  if (value === "" || value.length > 35 || qualifier.length > 4 || /[\r\n]/.test(trimmed)) {
    throw new OpenVanError(
      "MESSAGE_RECIPIENT_INVALID",
      `"${text}" is not an identity: write QUAL:ID, e.g. ZZ:ACMEFOODS`,
    );
  }
  return { qualifier, value };
}

export function formatIdentityAddress(address: IdentityAddress): string {
  return address.qualifier === "" ? address.value : `${address.qualifier}:${address.value}`;
}
