import { isIP } from "node:net";
import { OpenVanError } from "../../kernel/index.js";

/**
 * What the operator allows OpenVAN to connect to beyond the public internet (OPENVAN_OUTBOUND_ALLOW): ranges
 * of addresses, and whether every non-public address is allowed (`private`, for a single machine or a network
 * whose accounts are all trusted).
 */
export interface OutboundAllow {
  readonly private: boolean;
  /** CIDR ranges, each `address/prefix` with the address as written (e.g. `127.0.0.1/32`, `fd00::/8`). */
  readonly ranges: readonly string[];
}

/** The default: public addresses only. */
export const publicOnly: OutboundAllow = Object.freeze({ private: false, ranges: Object.freeze([]) });

/**
 * Reads a comma-separated list of addresses, CIDR ranges and the word `private`, e.g.
 * `127.0.0.1/32,10.20.0.0/16` or `private`. A bare address stands for itself alone (/32 or /128). Anything
 * else throws CONFIG_INVALID naming `setting`.
 */
export function parseOutboundAllow(text: string, setting: string): OutboundAllow {
  let allowPrivate = false;
  const ranges: string[] = [];
  for (const item of text.split(",")) {
    const entry = item.trim();
    if (entry === "") continue;
    if (entry.toLowerCase() === "private") {
      allowPrivate = true;
      continue;
    }
    const slash = entry.indexOf("/");
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixText = slash < 0 ? String(bits) : entry.slice(slash + 1);
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    if (family === 0 || address.includes("%") || !(prefix >= 0 && prefix <= bits)) {
      throw new OpenVanError(
        "CONFIG_INVALID",
        `${setting}: "${entry}" is not an IP address, a CIDR range (address/prefix) or the word private`,
        { setting },
      );
    }
    ranges.push(`${address.toLowerCase()}/${prefix}`);
  }
  return Object.freeze({ private: allowPrivate, ranges: Object.freeze(ranges) });
}
