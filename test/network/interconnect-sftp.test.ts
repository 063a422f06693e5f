import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSftpHostKey, setSftpLogin } from "../../src/channels/sftp/index.js";
import { loadConfig } from "../../src/config/index.js";
import {
  addIdentity,
  createAccount,
  createInterconnect,
  issueApiKey,
  listMailbox,
  openMailboxItem,
} from "../../src/network/index.js";
import { openServices, type Services } from "../../src/services/index.js";
import { eventually, x12Order } from "../support/client-test-network.js";
import { postMessage } from "../support/post-message.js";

/**
 * Two OpenVAN networks on one machine. On each, the other network is an interconnect account: it owns the
 * identities hosted there, its push endpoint is the other network's SFTP server, and it has an SFTP login
 * there through which the other network sends. Interchanges go both ways, each network routing by envelope.
 *
 * OpenVAN's SFTP channel takes an upload as a message when it is closed and offers no rename, so the push writes
 * straight to the final name (`rename: false`).
 */
describe("an interconnect over SFTP between two networks", () => {
  interface Net {
    readonly services: Services;
    readonly url: string;
    readonly dir: string;
    readonly sftpPort: number;
  }
  const password = "interconnect-password-1";
  let a: Net;
  let b: Net;
  let acme: { id: string; key: string };
  let grocer: { id: string; key: string };

  async function openNet(name: string): Promise<Net> {
    const dir = await mkdtemp(join(tmpdir(), `openvan-${name}-`));
    // The other network's SFTP server is on this machine's loopback: each operator allows it, as on one machine.
    const config = loadConfig({
      env: {},
      overrides: { dataDir: dir, host: "127.0.0.1", port: 0, sftpPort: 0, outboundAllow: "127.0.0.1/32" },
    });
    const services = await openServices(config);
    const url = await services.start();
    const sftpPort = services.sftp?.port;
    if (sftpPort === null || sftpPort === undefined) throw new Error("the SFTP channel did not start");
    return { services, url, dir, sftpPort };
  }

  async function company(net: Net, name: string, identity: string): Promise<{ id: string; key: string }> {
    const account = await createAccount(net.services.ctx, name);
    await addIdentity(net.services.ctx, account.id, identity);
    return { id: account.id, key: (await issueApiKey(net.services.ctx, account.id, "account")).key };
  }

  /** On `here`: the interconnect for `there`, pushing as `pushAs` on `there` and logged into by `loginAs`. */
  async function connect(
    here: Net,
    there: Net,
    name: string,
    identity: string,
    pushAs: string,
    loginAs: string,
  ) {
    const made = await createInterconnect(here.services.ctx, {
      name,
      network: name,
      identities: [identity],
      endpoint: {
        kind: "sftp",
        settings: {
          host: "127.0.0.1",
          port: there.sftpPort,
          username: pushAs,
          password,
          hostKeyFingerprint: (await loadSftpHostKey(there.services.ctx)).fingerprint,
          folder: "/outbox",
          rename: false,
        },
      },
    });
    await setSftpLogin(here.services.ctx, made.account.id, { username: loginAs, password });
  }

  beforeAll(async () => {
    a = await openNet("net-a");
    b = await openNet("net-b");
    acme = await company(a, "Acme Foods", "ZZ:ACMEFOODS");
    grocer = await company(b, "Grocery Mart", "ZZ:GROCERYMART");
    await connect(a, b, "Network B", "ZZ:GROCERYMART", "network-a", "network-b");
    await connect(b, a, "Network A", "ZZ:ACMEFOODS", "network-b", "network-a");
  }, 60_000);

  afterAll(async () => {
    await a?.services.stop();
    await b?.services.stop();
    for (const net of [a, b]) if (net !== undefined) await rm(net.dir, { recursive: true, force: true });
  });

  async function text(stream: AsyncIterable<Uint8Array>): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString("latin1");
  }

  /** Sends from `from` and waits until the push is delivered there and the item waits in the mailbox here. */
  async function carry(from: Net, key: string, to: Net, recipient: string, body: string): Promise<void> {
    const messageId = await postMessage(from.url, key, body);
    const pushed = await eventually(async () => {
      const [delivery] = await from.services.ctx.store.deliveries.listByMessage(messageId);
      if (delivery?.state === "push_failed") throw new Error("the push to the other network failed");
      return delivery?.state === "delivered" ? delivery : undefined;
    }, 30_000);
    expect(pushed.route).toBe("sftp");
    const item = await eventually(
      async () => (await listMailbox(to.services.ctx, recipient, null, 10)).items.at(-1),
      30_000,
    );
    expect(await text(await openMailboxItem(to.services.ctx, item))).toBe(body);
  }

  it("carries an interchange from a company on A to a company on B, and one back", async () => {
    await carry(a, acme.key, b, grocer.id, x12Order("ACMEFOODS", "GROCERYMART", 701));
    await carry(b, grocer.key, a, acme.id, x12Order("GROCERYMART", "ACMEFOODS", 801));
  }, 90_000);
});
