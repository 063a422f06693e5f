import { BlockList, isIP } from "node:net";
import { OpenVanError } from "../../kernel/index.js";
import type { OutboundAllow } from "./outbound-allow.js";

/** Why an address is not on the public internet. */
export type RefusalReason =
  | "loopback"
  | "unspecified"
  | "private"
  | "shared"
  | "link-local"
  | "multicast"
  | "broadcast"
  | "reserved";

/** An IPv4 address carried inside an IPv6 one, which is where a connection to the IPv6 address really goes. */
export interface EmbeddedIpv4 {
  readonly form: "IPv4-mapped" | "NAT64" | "6to4";
  readonly ipv4: string;
}

export type OutboundVerdict =
  | {
      readonly allowed: true;
      readonly address: string;
      /** A public address, or one the operator's allow list (a range, or `private`) lets through. */
      readonly by: "public" | "allow-list" | "private";
    }
  | {
      readonly allowed: false;
      readonly address: string;
      readonly reason: RefusalReason;
      /** The range the address falls in, e.g. `127.0.0.0/8`. */
      readonly range: string;
      readonly embedded: EmbeddedIpv4 | null;
    };

/** Decides whether OpenVAN may open a connection to an IP address. */
export interface OutboundGuard {
  readonly allow: OutboundAllow;
  check(address: string): OutboundVerdict;
}

interface Rule {
  readonly range: string;
  readonly reason: RefusalReason;
  readonly list: BlockList;
}

function rules(family: "ipv4" | "ipv6", table: readonly [string, number, RefusalReason][]): Rule[] {
  return table.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { range: `${network}/${prefix}`, reason, list };
  });
}

// First match wins: the broadcast address before the reserved block that holds it.
const ipv4Rules = rules("ipv4", [
  ["0.0.0.0", 8, "unspecified"],
  ["127.0.0.0", 8, "loopback"],
  ["10.0.0.0", 8, "private"],
  ["172.16.0.0", 12, "private"],
  ["192.168.0.0", 16, "private"],
  ["100.64.0.0", 10, "shared"],
  ["169.254.0.0", 16, "link-local"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["255.255.255.255", 32, "broadcast"],
  ["240.0.0.0", 4, "reserved"],
]);

const ipv6Rules = rules("ipv6", [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "private"],
  ["fec0::", 10, "private"],
  ["64:ff9b:1::", 48, "private"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
  ["100::", 64, "reserved"],
  ["2001:db8::", 32, "reserved"],
]);

/** Every public IPv6 address is global unicast; anything outside it is not the internet. */
const globalUnicast = rules("ipv6", [["2000::", 3, "reserved"]])[0] as Rule;

/**
 * The guard of one network's outbound connections (webhooks, pushes, async MDNs). Refused unless allowed:
 * loopback, unspecified, private (RFC 1918, fc00::/7), carrier-grade NAT, link-local (where cloud metadata
 * answers), multicast, broadcast and reserved addresses, and IPv6 forms that carry one of these as an IPv4
 * address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16), since a connection to them reaches that IPv4
 * address.
 */
export function outboundGuard(allow: OutboundAllow): OutboundGuard {
  const allowed = new BlockList();
  for (const range of allow.ranges) {
    const [network = "", prefix = ""] = range.split("/");
    allowed.addSubnet(network, Number(prefix), isIP(network) === 4 ? "ipv4" : "ipv6");
  }
  return {
    allow,
    check(given) {
      const address = given.replace(/%.*$/, "").toLowerCase();
      const family = isIP(address);
      if (family === 0) {
        throw new OpenVanError("INTERNAL_INVALID_ARGUMENT", `${JSON.stringify(given)} is not an IP address`);
      }
      const refusal = family === 4 ? refusalOf(address, "ipv4", null) : refusalOfIpv6(address);
      if (refusal === null) return { allowed: true, address: given, by: "public" };
      const listed =
        allowed.check(address, family === 4 ? "ipv4" : "ipv6") ||
        (refusal.embedded !== null && allowed.check(refusal.embedded.ipv4, "ipv4"));
      if (listed) return { allowed: true, address: given, by: "allow-list" };
      if (allow.private) return { allowed: true, address: given, by: "private" };
      return { allowed: false, address: given, ...refusal };
    },
  };
}

type Refusal = Pick<Extract<OutboundVerdict, { allowed: false }>, "reason" | "range" | "embedded">;

function refusalOf(address: string, family: "ipv4" | "ipv6", embedded: EmbeddedIpv4 | null): Refusal | null {
  for (const rule of family === "ipv4" ? ipv4Rules : ipv6Rules) {
    if (rule.list.check(address, family)) return { reason: rule.reason, range: rule.range, embedded };
  }
  return null;
}

function refusalOfIpv6(address: string): Refusal | null {
  const embedded = embeddedIpv4(address);
  if (embedded !== null) return refusalOf(embedded.ipv4, "ipv4", embedded);
  const refusal = refusalOf(address, "ipv6", null);
  if (refusal !== null || globalUnicast.list.check(address, "ipv6")) return refusal;
  return { reason: "reserved", range: "outside 2000::/3", embedded: null };
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
export function embeddedIpv4(ipv6: string): EmbeddedIpv4 | null {
  const g = ipv6Groups(ipv6);
  const dotted = (high: number, low: number): string =>
    [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return { form: "IPv4-mapped", ipv4: dotted(g[6] ?? 0, g[7] ?? 0) };
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))
    return { form: "NAT64", ipv4: dotted(g[6] ?? 0, g[7] ?? 0) };
  if (g[0] === 0x2002) return { form: "6to4", ipv4: dotted(g[1] ?? 0, g[2] ?? 0) };
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail turned into two groups). */
function ipv6Groups(address: string): number[] {
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((n) => n.toString(16)).join(":"),
  );
  const [head = "", tail] = text.split("::");
  const split = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const groups =
    tail === undefined
      ? split(head)
      : [
          ...split(head),
          ...Array<string>(8 - split(head).length - split(tail).length).fill("0"),
          ...split(tail),
        ];
  return groups.map((group) => Number.parseInt(group, 16));
}

const reasonText: Readonly<Record<RefusalReason, readonly [string, string | null]>> = {
  loopback: ["a loopback address", "this machine itself"],
  unspecified: ["the unspecified address", "this machine itself"],
  private: ["a private address", null],
  shared: ["a carrier-grade NAT address", null],
  "link-local": ["a link-local address", "where cloud metadata services answer"],
  multicast: ["a multicast address", null],
  broadcast: ["the broadcast address", null],
  reserved: ["a reserved address", "not on the public internet"],
};

/** E.g. `::ffff:127.0.0.1 is the IPv4-mapped form of 127.0.0.1, a loopback address (127.0.0.0/8), this machine itself`. */
export function describeRefusal(verdict: Extract<OutboundVerdict, { allowed: false }>): string {
  const [what, note] = reasonText[verdict.reason];
  const form =
    verdict.embedded === null ? "" : `the ${verdict.embedded.form} form of ${verdict.embedded.ipv4}, `;
  return `${verdict.address} is ${form}${what} (${verdict.range})${note === null ? "" : `, ${note}`}`;
}
