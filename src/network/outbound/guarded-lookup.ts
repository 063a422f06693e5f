import { type LookupAddress, lookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { OutboundGuard } from "./outbound-guard.js";
import { outboundRefused } from "./outbound-refused.js";

/**
 * Resolves `host` once and checks every address it has; resolves with them all when each is allowed, or
 * throws OUTBOUND_ADDRESS_REFUSED for the first that is not. A name with one refused address among public
 * ones is refused: which of them a connection ends up on is not ours to choose. An IP literal is checked as
 * it is. Connect to an address this returns (not to `host` again), so that a second answer of the name
 * server (DNS rebinding) cannot lead elsewhere.
 */
export async function resolveOutbound(
  guard: OutboundGuard,
  host: string,
  lookupAll: (host: string) => Promise<LookupAddress[]> = systemLookupAll,
): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(bare);
  const addresses: LookupAddress[] = family === 0 ? await lookupAll(bare) : [{ address: bare, family }];
  for (const { address } of addresses) {
    const verdict = guard.check(address);
    if (!verdict.allowed) throw outboundRefused(host, verdict);
  }
  return addresses;
}

/** Every address of `host`, by the system's resolver (as `net.connect` would find them). */
function systemLookupAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    lookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
  );
}

/**
 * A `lookup` for `net.connect` and `tls.connect` that lets the socket connect only to checked addresses: the
 * connection uses the addresses this hands back, so the check and the connection see the same answer.
 */
export function guardedLookup(guard: OutboundGuard): LookupFunction {
  return (hostname, options, callback) => {
    resolveOutbound(guard, hostname).then(
      (addresses) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? addresses.filter((a) => a.family === options.family)
            : addresses;
        const first = wanted[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no IPv${options.family} address`);
          error.code = "ENOTFOUND";
          callback(error, "", 0);
        } else if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
