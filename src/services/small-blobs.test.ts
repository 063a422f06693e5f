import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/index.js";
import { createAccount, receiveMessage } from "../network/index.js";
import { openServices, type Services } from "./open-services.js";

describe("openServices' blob stores", () => {
  const opened: { services: Services; dir: string }[] = [];
  afterAll(async () => {
    for (const { services, dir } of opened) {
      await services.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  const sendTo = async (env: Record<string, string>, bytes: Buffer) => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-small-blobs-"));
    const services = await openServices(loadConfig({ env, overrides: { dataDir: dir } }));
    opened.push({ services, dir });
    const account = await createAccount(services.ctx, "Acme Foods");
    const verdict = await receiveMessage(services.ctx, {
      accountId: account.id,
      channel: "api",
      to: "ZZ:ACMEFOODS",
      body: (async function* () {
        yield bytes;
      })(),
    });
    if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
    const message = await services.ctx.store.messages.get(verdict.messageId);
    const files = (await readdir(join(dir, "blobs"), { recursive: true, withFileTypes: true })).filter((e) =>
      e.isFile(),
    );
    return { blobKey: message?.blobKey ?? "", files: files.length, services };
  };

  it("keeps a small message in the database and a large one as a file", async () => {
    const small = await sendTo({}, Buffer.alloc(2048, 65));
    expect(small.blobKey.startsWith("sb_")).toBe(true);
    expect(small.files).toBe(0);
    expect(await small.services.ctx.blobs.size(small.blobKey)).toBe(2048);
    const large = await sendTo({ OPENVAN_SMALL_BLOB_MAX: "1KB" }, Buffer.alloc(2048, 65));
    expect(large.blobKey.startsWith("sb_")).toBe(false);
    expect(large.files).toBe(1);
  });

  it("keeps every message as a file when OPENVAN_SMALL_BLOB_MAX is 0", async () => {
    const sent = await sendTo({ OPENVAN_SMALL_BLOB_MAX: "0" }, Buffer.from("a note"));
    expect(sent.blobKey.startsWith("sb_")).toBe(false);
    expect(sent.files).toBe(1);
  });
});
