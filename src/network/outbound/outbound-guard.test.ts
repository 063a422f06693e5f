import { describe, expect, it } from "vitest";
import { isOpenVanError } from "../../kernel/index.js";
import { checkOutboundHost, checkOutboundUrl } from "./check-outbound-target.js";
import { parseOutboundAllow, publicOnly } from "./outbound-allow.js";
import { describeRefusal, embeddedIpv4, outboundGuard, type RefusalReason } from "./outbound-guard.js";
import { outboundRefused } from "./outbound-refused.js";

const guard = outboundGuard(publicOnly);

function reasonOf(address: string): RefusalReason | "allowed" {
  const verdict = guard.check(address);
  return verdict.allowed ? "allowed" : verdict.reason;
}

describe("the outbound guard, by default", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.168.1.10", "private"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fec0::1", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.254", "shared"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["100::1", "reserved"],
    ["::127.0.0.1", "reserved"],
  ] as const)("refuses %s (%s)", (address, reason) => {
    expect(reasonOf(address)).toBe(reason);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "169.253.0.1",
    "192.169.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001::200e",
  ])("allows the public address %s", (address) => {
    expect(guard.check(address)).toEqual({ allowed: true, address, by: "public" });
  });

  it.each([
    ["::ffff:127.0.0.1", "IPv4-mapped", "127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "IPv4-mapped", "127.0.0.1", "loopback"],
    ["::FFFF:169.254.169.254", "IPv4-mapped", "169.254.169.254", "link-local"],
    ["::ffff:10.1.2.3", "IPv4-mapped", "10.1.2.3", "private"],
    ["64:ff9b::a9fe:a9fe", "NAT64", "169.254.169.254", "link-local"],
    ["64:ff9b::127.0.0.1", "NAT64", "127.0.0.1", "loopback"],
    ["2002:c0a8:101::1", "6to4", "192.168.1.1", "private"],
    ["2002:7f00:1::", "6to4", "127.0.0.1", "loopback"],
  ] as const)("refuses %s, the %s form of %s (%s)", (address, form, ipv4, reason) => {
    const verdict = guard.check(address);
    expect(verdict).toMatchObject({ allowed: false, reason, embedded: { form, ipv4 } });
  });

  it("allows the IPv6 forms of public IPv4 addresses", () => {
    expect(guard.check("::ffff:8.8.8.8").allowed).toBe(true);
    expect(guard.check("64:ff9b::808:808").allowed).toBe(true);
    expect(guard.check("2002:808:808::1").allowed).toBe(true);
  });

  it("finds no IPv4 address in other IPv6 addresses", () => {
    expect(embeddedIpv4("2606:4700::1111")).toBeNull();
    expect(embeddedIpv4("::1")).toBeNull();
  });

  it("says what the address is and where it falls", () => {
    const loopback = guard.check("127.0.0.1");
    const mapped = guard.check("::ffff:169.254.169.254");
    if (loopback.allowed || mapped.allowed) throw new Error("allowed");
    expect(describeRefusal(loopback)).toBe(
      "127.0.0.1 is a loopback address (127.0.0.0/8), this machine itself",
    );
    expect(describeRefusal(mapped)).toBe(
      "::ffff:169.254.169.254 is the IPv4-mapped form of 169.254.169.254, a link-local address (169.254.0.0/16), where cloud metadata services answer",
    );
    const error = outboundRefused("metadata.internal", mapped);
    expect(error.code).toBe("OUTBOUND_ADDRESS_REFUSED");
    expect(error.category).toBe("permanent");
    expect(error.message).toBe(
      "OpenVAN does not connect to metadata.internal: ::ffff:169.254.169.254 is the IPv4-mapped form of " +
        "169.254.169.254, a link-local address (169.254.0.0/16), where cloud metadata services answer; the " +
        "operator can allow it with OPENVAN_OUTBOUND_ALLOW (openvan serve --outbound-allow), e.g. " +
        "::ffff:169.254.169.254/128, or private for every non-public address",
    );
    expect(error.details).toMatchObject({
      host: "metadata.internal",
      address: "::ffff:169.254.169.254",
      reason: "link-local",
      setting: "OPENVAN_OUTBOUND_ALLOW",
    });
  });
});

describe("the operator's allow list", () => {
  it("reads addresses, CIDR ranges and the word private", () => {
    expect(parseOutboundAllow(" 127.0.0.1/32, 10.20.0.0/16,,::1 , FD00::/8", "S")).toEqual({
      private: false,
      ranges: ["127.0.0.1/32", "10.20.0.0/16", "::1/128", "fd00::/8"],
    });
    expect(parseOutboundAllow("Private", "S")).toEqual({ private: true, ranges: [] });
    expect(parseOutboundAllow("", "S")).toEqual(publicOnly);
  });

  it.each(["localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0", "fe80::1%eth0"])(
    "refuses %s as a setting, naming it",
    (entry) => {
      let error: unknown;
      try {
        parseOutboundAllow(`127.0.0.1,${entry}`, "OPENVAN_OUTBOUND_ALLOW");
      } catch (caught) {
        error = caught;
      }
      expect(isOpenVanError(error) && error.code).toBe("CONFIG_INVALID");
      expect((error as Error).message).toContain(`OPENVAN_OUTBOUND_ALLOW: "${entry}"`);
    },
  );

  it("lets the listed ranges through and nothing else", () => {
    const allowed = outboundGuard(parseOutboundAllow("127.0.0.1/32,10.20.0.0/16,fd00::/8", "S"));
    expect(allowed.check("127.0.0.1")).toEqual({ allowed: true, address: "127.0.0.1", by: "allow-list" });
    expect(allowed.check("10.20.7.7").allowed).toBe(true);
    expect(allowed.check("fd00::7").allowed).toBe(true);
    expect(allowed.check("127.0.0.2").allowed).toBe(false);
    expect(allowed.check("10.21.0.1").allowed).toBe(false);
    expect(allowed.check("::1").allowed).toBe(false);
    expect(allowed.check("169.254.169.254").allowed).toBe(false);
    expect(allowed.check("8.8.8.8")).toMatchObject({ allowed: true, by: "public" });
  });

  it("lets the IPv6 forms of a listed IPv4 address through", () => {
    const allowed = outboundGuard(parseOutboundAllow("127.0.0.1", "S"));
    expect(allowed.check("::ffff:127.0.0.1").allowed).toBe(true);
    expect(allowed.check("64:ff9b::7f00:1").allowed).toBe(true);
    expect(allowed.check("::ffff:127.0.0.2").allowed).toBe(false);
  });

  it("with private, lets every non-public address through", () => {
    const allowed = outboundGuard(parseOutboundAllow("private", "S"));
    for (const address of ["127.0.0.1", "::1", "10.0.0.1", "169.254.169.254", "fd00::1", "::ffff:10.0.0.1"]) {
      expect(allowed.check(address), address).toMatchObject({ allowed: true, by: "private" });
    }
  });
});

describe("the check of a registered host", () => {
  const refusal = (run: () => void): unknown => {
    try {
      run();
    } catch (error) {
      return isOpenVanError(error) ? { code: error.code, details: error.details } : error;
    }
    return null;
  };

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:8080/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://localhost:5432/",
    "https://LOCALHOST./",
    "http://api.localhost/",
    "http://2130706433/",
    "http://127.1/",
    "http://0x7f.0.0.1/",
    "http://0/",
  ])("refuses %s", (url) => {
    expect(refusal(() => checkOutboundUrl(publicOnly, url, "url"))).toMatchObject({
      code: "OUTBOUND_ADDRESS_REFUSED",
      details: { field: "url", setting: "OPENVAN_OUTBOUND_ALLOW" },
    });
  });

  it("leaves host names and public addresses to the send", () => {
    expect(refusal(() => checkOutboundUrl(publicOnly, "https://erp.example.com/hook", "url"))).toBeNull();
    expect(refusal(() => checkOutboundUrl(publicOnly, "http://8.8.8.8/", "url"))).toBeNull();
    expect(refusal(() => checkOutboundHost(publicOnly, "sftp.example.com", "settings.host"))).toBeNull();
  });

  it("checks SFTP hosts as written, IP literals and old IPv4 forms alike", () => {
    for (const host of ["10.1.2.3", "::1", "[::1]", "localhost", "127.1", " 192.168.0.9 "]) {
      expect(
        refusal(() => checkOutboundHost(publicOnly, host, "settings.host")),
        host,
      ).toMatchObject({
        code: "OUTBOUND_ADDRESS_REFUSED",
        details: { field: "settings.host" },
      });
    }
  });

  it("accepts what the operator allows, localhost when loopback is allowed", () => {
    const loopback = parseOutboundAllow("127.0.0.0/8", "S");
    expect(refusal(() => checkOutboundUrl(loopback, "http://localhost:9000/", "url"))).toBeNull();
    expect(refusal(() => checkOutboundUrl(loopback, "http://127.0.0.1:9000/", "url"))).toBeNull();
    expect(refusal(() => checkOutboundUrl(loopback, "http://169.254.169.254/", "url"))).not.toBeNull();
    const everything = parseOutboundAllow("private", "S");
    expect(refusal(() => checkOutboundHost(everything, "10.1.2.3", "settings.host"))).toBeNull();
  });
});
