import { sftpDeliveryTransport } from "../channels/sftp/index.js";
import type { OpenVanConfig } from "../config/index.js";
import type { DeliveryTransports, NetworkContext } from "../network/index.js";

/**
 * The transports this node pushes deliveries with, by push endpoint kind ("as2", "sftp"). Each channel adds
 * its own here; a delivery to an endpoint whose kind has none fails permanently (`push_failed`, re-pushable).
 */
export function deliveryTransports(ctx: NetworkContext, _config: OpenVanConfig): DeliveryTransports {
  return { sftp: sftpDeliveryTransport(ctx) };
}
