import { afterEach, beforeEach, expect, it } from "vitest";
import { createAs2Channel } from "../../../src/channels/as2/create-as2-channel.js";
import { generateNetworkCertificate } from "../../../src/channels/as2/keys/manage-certificates.js";
import { NetworkKeyRing } from "../../../src/channels/as2/keys/network-key-ring.js";
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

it("a pair made through one node signs and decrypts on the other nodes within seconds, no restart", async () => {
  const nodeA = await createAs2Channel({
    ctx: net.ctx,
    as2Id: "OPENVAN",
    product: "OpenVAN/test",
    maxBytes: 1 << 20,
    poke: () => {},
  });
  const nodeB = await NetworkKeyRing.open(net.ctx, "OPENVAN");
  const first = (await nodeB.current()).certificatePem;
  expect((await nodeA.context.keys.current()).certificatePem).toBe(first);

  net.clock.advance(60_000);
  await generateNetworkCertificate(nodeA.context, { days: 365 });
  const onA = await nodeA.context.keys.current();
  expect(onA.certificatePem).not.toBe(first);
  expect(onA.decrypters).toHaveLength(2);

  // Node B read the pairs a minute ago: it reads them again now, and signs with the new one.
  const onB = await nodeB.current();
  expect(onB.certificatePem).toBe(onA.certificatePem);
  expect(onB.decrypters).toHaveLength(2);

  // Within five seconds of a read, a node uses what it read.
  net.clock.advance(60_000);
  expect((await nodeB.current()).decrypters).toHaveLength(2);
  await generateNetworkCertificate(nodeA.context, { days: 365 });
  expect((await nodeB.current()).decrypters).toHaveLength(2);
  net.clock.advance(1_000);
  expect((await nodeB.current()).decrypters).toHaveLength(2);
  net.clock.advance(5_000);
  expect((await nodeB.current()).decrypters).toHaveLength(3);
});
