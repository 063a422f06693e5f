import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addSshKey,
  createSftpServer,
  generateSshKeyPair,
  loadSftpHostKey,
  sftpDeliveryTransport,
} from "../../../src/channels/sftp/index.js";
import { isOpenVanError } from "../../../src/kernel/index.js";
import {
  addIdentity,
  createAccount,
  isPushError,
  listMailbox,
  type PushEndpoint,
  PushError,
  publicOnly,
  receiveMessage,
  routeMessage,
} from "../../../src/network/index.js";
import type { DeliveryRecord } from "../../../src/storage/ports/index.js";
import { freePort } from "../../support/local-process.js";
import { haveSshd, type OpenSshServer, startOpenSshServer } from "../../support/openssh-server.js";
import { allowLoopback } from "../../support/outbound-allow.js";
import { bodyOf, openTempNetwork, seedTradingPair, type TempNetwork } from "../../support/temp-network.js";

const x12 = await readFile(new URL("../../fixtures/network/x12-850-acme-to-grocery.x12", import.meta.url));

/** Outbound push with the ssh2 client to a real OpenSSH sshd (internal-sftp) started on a loopback port. */
describe.skipIf(!haveSshd())("SFTP push to OpenSSH's sshd", () => {
  let dir: string;
  let sshd: OpenSshServer;
  let net: TempNetwork;
  let delivery: DeliveryRecord;
  let privateKey: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-sftp-push-"));
    sshd = await startOpenSshServer(dir);
    privateKey = await readFile(sshd.clientKey, "utf8");
    await mkdir(join(sshd.root, "in"));
    // The partner's sshd listens on loopback, which the network reaches only when allowed to.
    net = await openTempNetwork({ outboundAllow: allowLoopback });
    await seedTradingPair(net.ctx);
    const pair = await net.ctx.store.accounts.list();
    const verdict = await receiveMessage(net.ctx, {
      accountId: pair[0]?.id ?? "",
      channel: "api",
      body: bodyOf(x12),
    });
    if (verdict.kind !== "accepted") throw new Error("the fixture was refused");
    await routeMessage(net.ctx, verdict.messageId);
    const [routed] = await net.ctx.store.deliveries.listByMessage(verdict.messageId);
    if (routed === undefined) throw new Error("no delivery");
    delivery = routed;
  }, 60_000);

  afterAll(async () => {
    await sshd?.stop();
    await net?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const endpoint = (settings: Record<string, unknown>): PushEndpoint => ({
    id: "pep_test",
    accountId: delivery.recipientAccountId,
    kind: "sftp",
    settings: {
      host: "127.0.0.1",
      port: sshd.port,
      username: sshd.username,
      privateKey,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      folder: join(sshd.root, "in"),
      ...settings,
    },
  });
  const push = (settings: Record<string, unknown> = {}) =>
    sftpDeliveryTransport(net.ctx, { connectTimeoutMs: 5000 }).push(delivery, endpoint(settings), async () =>
      bodyOf(x12.subarray(delivery.rangeStart, delivery.rangeEnd)),
    );
  const failure = async (settings: Record<string, unknown>): Promise<PushError> => {
    const error = await push(settings).then(
      () => null,
      (e: unknown) => e,
    );
    if (!isPushError(error)) throw new Error(`expected a PushError, got ${String(error)}`);
    return error;
  };

  it("writes the delivery through a temporary name, byte-identical, and a second push of it writes nothing", async () => {
    const first = await push();
    const files = await readdir(join(sshd.root, "in"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`_850_${delivery.id}\\.edi$`));
    expect(await readFile(join(sshd.root, "in", files[0] ?? ""))).toEqual(x12);
    expect(first.detail).toMatchObject({ path: join(sshd.root, "in", files[0] ?? ""), size: x12.length });
    const again = await push();
    expect(again.detail).toMatchObject({ already: true });
    expect(await readdir(join(sshd.root, "in"))).toEqual(files);
  }, 30_000);

  it("reaches a host name by the address it checked, and nothing the operator did not allow", async () => {
    const byName = await push({ host: "localhost" });
    expect(byName.detail).toMatchObject({ host: "localhost", already: true });

    const files = await readdir(join(sshd.root, "in"));
    const publicOnlyCtx = { ...net.ctx, settings: { ...net.ctx.settings, outboundAllow: publicOnly } };
    for (const host of ["127.0.0.1", "localhost", "::ffff:127.0.0.1"]) {
      const error = await sftpDeliveryTransport(publicOnlyCtx)
        .push(delivery, endpoint({ host }), async () => bodyOf(x12))
        .catch((e: unknown) => e);
      expect(isOpenVanError(error) && error.code, host).toBe("OUTBOUND_ADDRESS_REFUSED");
      expect(isOpenVanError(error) && error.category).toBe("permanent");
      expect((error as Error).message).toContain(`OpenVAN does not connect to ${host}: `);
      expect((error as Error).message).toContain("OPENVAN_OUTBOUND_ALLOW");
    }
    expect(await readdir(join(sshd.root, "in"))).toEqual(files);
  }, 30_000);

  it("tries the next address of a host name when one cannot be reached, and says which it tried", async () => {
    // A name with two addresses, the first with nothing listening (the server listens on 127.0.0.1 only), as
    // a host's IPv6 address is from a network without IPv6.
    const twoAddresses = async () => [
      { address: "127.0.0.2", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    const transport = sftpDeliveryTransport(net.ctx, { connectTimeoutMs: 5000, lookupAll: twoAddresses });
    const pushed = await transport.push(delivery, endpoint({ host: "sftp.partner.test" }), async () =>
      bodyOf(x12.subarray(delivery.rangeStart, delivery.rangeEnd)),
    );
    expect(pushed.detail).toMatchObject({ host: "sftp.partner.test", size: x12.length });

    const port = await freePort();
    const error = await transport
      .push(delivery, endpoint({ host: "sftp.partner.test", port }), async () => bodyOf(x12))
      .catch((e: unknown) => e);
    expect(isPushError(error) && error.permanent).toBe(false);
    expect((error as Error).message).toMatch(
      new RegExp(
        `could not reach sftp\\.partner\\.test:${port} at any of its addresses \\(127\\.0\\.0\\.2, 127\\.0\\.0\\.1\\): `,
      ),
    );
  }, 30_000);

  it("refuses for good a server whose host key is not the one in the settings, before sending anything", async () => {
    const error = await failure({ hostKeyFingerprint: `SHA256:${"A".repeat(43)}` });
    expect(error.permanent).toBe(true);
    expect(error.message).toContain(`presented the host key ${sshd.hostKeyFingerprint}`);
  }, 30_000);

  it("refuses for good a login the server does not take, and settings that cannot work", async () => {
    const stranger = generateSshKeyPair("stranger");
    const login = await failure({ privateKey: stranger.privateKey });
    expect(login.permanent).toBe(true);
    expect(login.message).toMatch(/refused the login/);
    const folder = await failure({ folder: join(sshd.root, "missing") });
    expect(folder.permanent).toBe(true);
    const missing = await failure({ hostKeyFingerprint: undefined });
    expect(missing).toBeInstanceOf(PushError);
    expect(missing.permanent).toBe(true);
    expect(missing.message).toContain("settings.hostKeyFingerprint is missing");
  }, 30_000);

  it("writes straight to the final name for a server that takes a file when closed: another OpenVAN network", async () => {
    const far = await openTempNetwork();
    const server = createSftpServer({ ctx: far.ctx, hostKey: (await loadSftpHostKey(far.ctx)).privateKey });
    try {
      // There, Acme Foods's identity belongs to the account that stands for this network (an interconnect).
      const grocer = (await createAccount(far.ctx, "Grocery Mart")).id;
      await addIdentity(far.ctx, grocer, "ZZ:GROCERYMART");
      const relay = (await createAccount(far.ctx, "Network A")).id;
      await addIdentity(far.ctx, relay, "ZZ:ACMEFOODS");
      const pair = generateSshKeyPair("network-a");
      await addSshKey(far.ctx, relay, pair.publicKey);
      await server.listen(0, "127.0.0.1");
      const receipt = await push({
        port: server.port,
        username: "networka",
        privateKey: pair.privateKey,
        hostKeyFingerprint: (await loadSftpHostKey(far.ctx)).fingerprint,
        folder: "/outbox/{to}",
        rename: false,
      });
      expect(receipt.detail).toMatchObject({
        path: expect.stringMatching(/^\/outbox\/ZZ:GROCERYMART\/.*\.edi$/),
      });
      const [job] = await far.ctx.store.jobs.listByState("ready", 10);
      const messageId = (job?.payload as { messageId?: string } | undefined)?.messageId ?? "";
      await routeMessage(far.ctx, messageId);
      const [item] = (await listMailbox(far.ctx, grocer, null, 10)).items;
      expect(item?.fromIdentity).toBe("ZZ:ACMEFOODS");
      expect(item?.rangeEnd).toBe(x12.length);
    } finally {
      await server.close();
      await far.close();
    }
  }, 30_000);

  it("fails for now (to be retried) when nothing answers", async () => {
    const error = await failure({ port: await freePort() });
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  }, 30_000);
});
