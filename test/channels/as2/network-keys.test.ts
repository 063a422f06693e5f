import { afterEach, beforeEach, expect, it } from "vitest";
import { loadNetworkKeys, networkOwner } from "../../../src/channels/as2/keys/network-keys.js";
import { openTempNetwork, type TempNetwork } from "../../support/temp-network.js";

let net: TempNetwork;
beforeEach(async () => {
  net = await openTempNetwork();
});
afterEach(async () => {
  await net.close();
});

it("makes the network's key pair once; nodes starting together end up with the same one", async () => {
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadNetworkKeys(net.ctx, "OPENVAN")));
  expect(b?.certificatePem).toBe(a?.certificatePem);
  expect(c?.certificatePem).toBe(a?.certificatePem);
  expect(await net.ctx.store.as2.listCertificates(networkOwner)).toHaveLength(1);
  const again = await loadNetworkKeys(net.ctx, "OPENVAN");
  expect(again.certificatePem).toBe(a?.certificatePem);
  expect(again.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
});
