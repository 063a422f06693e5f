import { type OutboundAllow, parseOutboundAllow } from "../../src/network/index.js";

/**
 * The loopback addresses test receivers listen on (webhook receivers, AS2 peers, sshd, a second network),
 * as OPENVAN_OUTBOUND_ALLOW or --outbound-allow would say it. OpenVAN refuses them by default, so a test that
 * makes the network call one of them says so with this.
 */
export const loopbackAllowList = "127.0.0.0/8,::1";

/** The same as the network settings' `outboundAllow`. */
export const allowLoopback: OutboundAllow = parseOutboundAllow(loopbackAllowList, "test");
