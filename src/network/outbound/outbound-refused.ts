import { isIP } from "node:net";
import { isOpenVanError, OpenVanError } from "../../kernel/index.js";
import { describeRefusal, type OutboundVerdict } from "./outbound-guard.js";

/** The operator setting that lets OpenVAN connect to more than the public internet. */
export const outboundAllowSetting = "OPENVAN_OUTBOUND_ALLOW";

/**
 * OUTBOUND_ADDRESS_REFUSED for a connection to `host` that would reach a refused address: names the host, the
 * address and why, and the setting that allows it. Permanent: the same address is refused on every attempt.
 */
export function outboundRefused(
  host: string,
  verdict: Extract<OutboundVerdict, { allowed: false }>,
  details: Record<string, unknown> = {},
): OpenVanError {
  const range = `${verdict.address}/${isIP(verdict.address) === 4 ? 32 : 128}`;
  return new OpenVanError(
    "OUTBOUND_ADDRESS_REFUSED",
    `OpenVAN does not connect to ${host}: ${describeRefusal(verdict)}; the operator can allow it with ` +
      `${outboundAllowSetting} (openvan serve --outbound-allow), e.g. ${range}, or private for every non-public address`,
    {
      ...details,
      host,
      address: verdict.address,
      reason: verdict.reason,
      range: verdict.range,
      setting: outboundAllowSetting,
    },
  );
}

/**
 * The refusal behind a failed connection, if that is why it failed: HTTP clients wrap what the connection's
 * address lookup threw (`fetch failed`, its cause the refusal).
 */
export function findOutboundRefusal(error: unknown): OpenVanError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && current !== undefined; depth++) {
    if (isOpenVanError(current) && current.code === "OUTBOUND_ADDRESS_REFUSED") return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
