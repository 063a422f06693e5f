import { isIP } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { guardedLookup } from "./guarded-lookup.js";
import type { OutboundGuard } from "./outbound-guard.js";
import { outboundRefused } from "./outbound-refused.js";

/**
 * An HTTP client pool whose every connection goes only where the guard allows: a host name is resolved once
 * and each of its addresses checked (guardedLookup) before the socket connects to one of them, and an IP
 * literal (which sockets connect to without a lookup) is checked here. Redirects followed by fetch open their
 * connections through the same pool, so they are checked too. A refused connection fails the request with
 * OUTBOUND_ADDRESS_REFUSED as its cause.
 */
export function outboundAgent(guard: OutboundGuard): Agent {
  const connector = buildConnector({ lookup: guardedLookup(guard) });
  return new Agent({
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[(.*)\]$/, "$1");
      if (isIP(host) !== 0) {
        const verdict = guard.check(host);
        if (!verdict.allowed) return callback(outboundRefused(options.hostname, verdict), null);
      }
      return connector(options, callback);
    },
  });
}

/**
 * `fetch` through an outboundAgent of the guard: how OpenVAN calls addresses that accounts and partners
 * chose. It is undici's own fetch, of the same version as the agent, typed as the global one (they differ
 * only in the undici version their types come from).
 */
export function outboundFetch(guard: OutboundGuard): typeof fetch {
  const dispatcher = outboundAgent(guard);
  const guarded = (input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher });
  return guarded as unknown as typeof fetch;
}
