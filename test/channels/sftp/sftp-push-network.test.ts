import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSshKey, generateSshKeyPair, loadSftpHostKey } from "../../../src/channels/sftp/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { addIdentity, createAccount, createPushEndpoint } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { haveSshd, type OpenSshServer, startOpenSshServer } from "../../support/openssh-server.js";
import { loopbackAllowList } from "../../support/outbound-allow.js";
import { runSftp, writeKnownHosts } from "./openssh-client.js";

const x12 = await readFile(new URL("../../fixtures/network/x12-850-acme-to-grocery.x12", import.meta.url));

/**
 * SFTP at both ends: Acme Foods puts an X12 file into OpenVAN's /outbox with OpenSSH's sftp; Grocery Mart has
 * a push endpoint to its own OpenSSH sshd, so the routed interchange is pushed there by the push job.
 */
describe.skipIf(!haveSshd())("SFTP in, SFTP push out, through the network", () => {
  let dir: string;
  let sshd: OpenSshServer;
  let services: Services;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-sftp-relay-"));
    sshd = await startOpenSshServer(join(dir, "sshd"));
    await mkdir(join(sshd.root, "incoming"));
    services = await openServices(
      // The partner's sshd listens on loopback: allowed, as an operator of one machine would.
      loadConfig({
        env: { OPENVAN_OUTBOUND_ALLOW: loopbackAllowList },
        overrides: { dataDir: join(dir, "data"), host: "127.0.0.1", port: 0 },
      }),
    );
    await services.start();
  }, 60_000);
  afterAll(async () => {
    await services?.stop();
    await sshd?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("delivers the interchange into the partner's folder, whole, and records the remote path", async () => {
    const { ctx } = services;
    const acme = (await createAccount(ctx, "Acme Foods")).id;
    const grocer = (await createAccount(ctx, "Grocery Mart")).id;
    await addIdentity(ctx, acme, "ZZ:ACMEFOODS");
    await addIdentity(ctx, grocer, "ZZ:GROCERYMART");
    await createPushEndpoint(ctx, grocer, {
      kind: "sftp",
      settings: {
        host: "127.0.0.1",
        port: sshd.port,
        username: sshd.username,
        privateKey: await readFile(sshd.clientKey, "utf8"),
        hostKeyFingerprint: sshd.hostKeyFingerprint,
        folder: join(sshd.root, "incoming"),
      },
    });
    const pair = generateSshKeyPair("acme@test");
    const key = join(dir, "acme");
    await writeFile(key, pair.privateKey, { mode: 0o600 });
    await addSshKey(ctx, acme, pair.publicKey);
    const port = services.sftp?.port ?? 0;
    const knownHosts = await writeKnownHosts(
      join(dir, "known_hosts"),
      port,
      (await loadSftpHostKey(ctx)).publicKey,
    );
    const file = join(dir, "po.x12");
    await writeFile(file, x12);
    const sent = await runSftp(dir, { port, username: "acmefoods", knownHosts, key }, [
      `put ${file} /outbox/po.x12`,
    ]);
    expect(sent.stderr).toBe("");

    let files: string[] = [];
    for (let i = 0; i < 300 && files.filter((f) => !f.startsWith(".")).length === 0; i++) {
      files = await readdir(join(sshd.root, "incoming"));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{8}T\d{6}Z_ZZ-ACMEFOODS_850_dlv_[0-9a-z]{26}\.edi$/);
    expect(await readFile(join(sshd.root, "incoming", files[0] ?? ""))).toEqual(x12);
    const deliveryId = /(dlv_[0-9a-z]{26})/.exec(files[0] ?? "")?.[1] ?? "";
    let state = "";
    for (let i = 0; i < 100 && state !== "delivered"; i++) {
      state = (await ctx.store.deliveries.get(deliveryId))?.state ?? "";
      if (state !== "delivered") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(state).toBe("delivered");
    const delivery = await ctx.store.deliveries.get(deliveryId);
    const events = await ctx.store.events.listByMessage(delivery?.messageId ?? "");
    const delivered = events.find((event) => event.type === "delivery.delivered");
    expect(delivered?.detail).toMatchObject({
      route: "sftp",
      receipt: { path: join(sshd.root, "incoming", files[0] ?? ""), size: x12.length },
    });
  }, 90_000);
});
