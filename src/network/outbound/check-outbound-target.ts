import { isIP } from "node:net";
import { OpenVanError } from "../../kernel/index.js";
import type { OutboundAllow } from "./outbound-allow.js";
import { outboundGuard } from "./outbound-guard.js";
import { outboundRefused } from "./outbound-refused.js";

/**
 * The early answer when an account registers where OpenVAN is to connect (a webhook, a push endpoint's URL or
 * SFTP host): an IP literal the guard refuses, or `localhost`, throws OUTBOUND_ADDRESS_REFUSED naming
 * `field`. Other host names are checked when something is sent, on the addresses they resolve to then.
 */
export function checkOutboundHost(allow: OutboundAllow, host: string, field: string): void {
  const name = host
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
  // RFC 6761: localhost and every name under it are this machine, whatever a name server says.
  const local = name === "localhost" || name.endsWith(".localhost");
  const addresses = local ? ["127.0.0.1", "::1"] : [canonicalIp(name)].filter((a) => a !== null);
  const guard = outboundGuard(allow);
  const verdicts = addresses.map((address) => guard.check(address));
  if (verdicts.length === 0 || verdicts.some((v) => v.allowed)) return;
  const refused = verdicts[0];
  if (refused !== undefined && !refused.allowed) throw outboundRefused(host.trim(), refused, { field });
}

/** The same for the host of an http(s) URL (whose IPv4 forms such as `2130706433` URL parsing has made canonical). */
export function checkOutboundUrl(allow: OutboundAllow, url: string, field: string): void {
  if (!URL.canParse(url)) throw new OpenVanError("REQUEST_INVALID", `${url} is not a URL`, { field });
  checkOutboundHost(allow, new URL(url).hostname, field);
}

/**
 * An IP literal as the address it stands for, or null for a host name. IPv4 written the old ways
 * (`127.1`, `0x7f.0.0.1`, `2130706433`) reach the same address through the resolver, so they are read as
 * URL parsing reads them.
 */
function canonicalIp(name: string): string | null {
  if (isIP(name) !== 0) return name;
  const host = URL.canParse(`http://${name}/`) ? new URL(`http://${name}/`).hostname : "";
  return isIP(host) === 4 ? host : null;
}
