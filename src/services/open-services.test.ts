import { mkdtemp, readdir, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/index.js";
import { addIdentity, createAccount, issueApiKey, receiveMessage } from "../network/index.js";
import { openServices, type Services } from "./open-services.js";

describe("openServices", () => {
  const opened: { services: Services; dir: string }[] = [];
  afterAll(async () => {
    for (const { services, dir } of opened) {
      await services.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
  const open = async () => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-services-"));
    const services = await openServices(
      loadConfig({ env: {}, overrides: { dataDir: dir, host: "127.0.0.1", port: 0 } }),
    );
    opened.push({ services, dir });
    const url = await services.start();
    const account = await createAccount(services.ctx, "Acme Foods");
    await addIdentity(services.ctx, account.id, "ZZ:ACMEFOODS");
    const { key } = await issueApiKey(services.ctx, account.id, "account");
    return { services, dir, url, key, accountId: account.id };
  };

  it("runs two nodes side by side in one process, each with its own stores and metrics", async () => {
    const one = await open();
    const two = await open();
    expect(one.url).not.toBe(two.url);
    const sent = await fetch(`${one.url}/api/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${one.key}`, "x-openvan-to": "ZZ:ACMEFOODS" },
      body: "a note to self",
    });
    expect(sent.status).toBe(202);
    const unknownThere = await fetch(`${two.url}/api/v1/mailbox`, {
      headers: { authorization: `Bearer ${one.key}` },
    });
    expect(unknownThere.status).toBe(401);
    const counted = (url: string) =>
      fetch(`${url}/metrics`)
        .then((r) => r.text())
        .then(
          (text) => /openvan_messages_received_total\{channel="api",format="file"\} (\d+)/.exec(text)?.[1],
        );
    expect(await counted(one.url)).toBe("1");
    expect(await counted(two.url)).toBeUndefined();
  });

  it("counts in /metrics what the receives of every channel came to", async () => {
    const { services, url, key, accountId } = await open();
    const empty = await fetch(`${url}/api/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "x-openvan-to": "ZZ:ACMEFOODS" },
      body: "",
    });
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe("MESSAGE_EMPTY");
    // The SFTP and AS2 channels hand their uploads to the same ingest, under their own channel name.
    const body = async function* () {
      yield Buffer.from("a file put in /outbox/ZZ:ACMEFOODS/");
    };
    const upload = { accountId, channel: "sftp", to: "ZZ:ACMEFOODS", filename: "note.txt" };
    expect((await receiveMessage(services.ctx, { ...upload, body: body() })).kind).toBe("accepted");
    // An identical resend is answered with the first message and is not counted again.
    expect(await receiveMessage(services.ctx, { ...upload, body: body() })).toMatchObject({ replay: true });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/openvan_messages_received_total\{channel="sftp",format="file"\} 1\n/);
    expect(text).toMatch(/openvan_messages_rejected_total\{channel="api",code="MESSAGE_EMPTY"\} 1\n/);
  });

  it("keeps nothing of an upload the client cut off", async () => {
    const { services, dir, url, key } = await open();
    await new Promise<void>((resolve) => {
      const upload = request(`${url}/api/v1/messages`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "x-openvan-to": "ZZ:ACMEFOODS",
          "content-length": 10_000_000,
        },
      });
      upload.on("error", () => resolve());
      upload.write(Buffer.alloc(1_000_000));
      setTimeout(() => upload.destroy(), 200);
    });
    const files = async () =>
      (await readdir(join(dir, "blobs"), { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
        .length;
    for (let i = 0; i < 100 && (await files()) > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await files()).toBe(0);
    expect(await services.ctx.store.messages.listReceivedBefore("9999-01-01T00:00:00.000Z", 10)).toEqual([]);
  });
});
