import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { createAccount, issueApiKey } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { runCli } from "../../support/run-cli.js";
import { sshKeygen } from "./openssh-client.js";

/** SFTP logins through the REST API and `openvan admin sftp`, with keys made by ssh-keygen. */
describe("SFTP login administration", () => {
  let dir: string;
  let services: Services;
  let url: string;
  let adminKey: string;
  let accountId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-sftp-admin-"));
    services = await openServices(
      loadConfig({ env: {}, overrides: { dataDir: dir, host: "127.0.0.1", port: 0, sftpPort: "off" } }),
    );
    url = await services.start();
    const operator = await createAccount(services.ctx, "Operator");
    adminKey = (await issueApiKey(services.ctx, operator.id, "admin")).key;
    accountId = (await createAccount(services.ctx, "Acme Foods")).id;
  });
  afterAll(async () => {
    await services?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli("admin", "sftp", ...args, "--url", url, "--key", adminKey);
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("adds ed25519, ECDSA and RSA keys with their fingerprints, lists and removes them", async () => {
    expect(services.sftp).toBeNull();
    for (const [type, bits] of [
      ["ed25519", 256],
      ["ecdsa", 256],
      ["rsa", 3072],
    ] as const) {
      const file = await sshKeygen(dir, `key-${type}`, type, type === "rsa" ? 3072 : undefined);
      const added = await cli("add-key", accountId, `${file}.pub`, "--json");
      expect(added.stderr).toBe("");
      expect(added.code).toBe(0);
      const key = JSON.parse(added.stdout) as { fingerprint: string; bits: number; algorithm: string };
      const expected = await new Promise<string>((resolve, reject) =>
        import("node:child_process").then(({ execFile }) =>
          execFile("ssh-keygen", ["-l", "-E", "sha256", "-f", `${file}.pub`], (error, out) =>
            error ? reject(error) : resolve(out.split(" ")[1] ?? ""),
          ),
        ),
      );
      expect(key.fingerprint).toBe(expected);
      expect(key.bits).toBe(bits);
    }
    const shown = await cli("show", accountId);
    expect(shown.code).toBe(0);
    expect(shown.stdout.split("\n")[0]).toBe("acmefoods  keys only");
    const lines = shown.stdout.trim().split("\n").slice(1);
    expect(lines.map((line) => line.split("  ")[1])).toEqual([
      "ssh-ed25519 256",
      "ecdsa-sha2-nistp256 256",
      "ssh-rsa 3072",
    ]);
    const id = lines[0]?.split("  ")[0] ?? "";
    expect((await cli("remove-key", accountId, id)).code).toBe(0);
    const again = await cli("remove-key", accountId, id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("NOT_FOUND");
  }, 60_000);

  it("refuses weak, broken and private keys, and the same key twice, saying why", async () => {
    const weak = await sshKeygen(dir, "weak", "rsa", 1024);
    const refusedWeak = await cli("add-key", accountId, `${weak}.pub`);
    expect(refusedWeak.code).toBe(1);
    expect(refusedWeak.stderr).toContain("SSH_KEY_INVALID");
    expect(refusedWeak.stderr).toContain("this RSA key has 1024 bits");
    const privateKey = await api("POST", `/admin/accounts/${accountId}/sftp/keys`, {
      publicKey: await readFile(weak, "utf8"),
    });
    expect(privateKey.status).toBe(400);
    expect(((await privateKey.json()) as { error: { message: string } }).error.message).toContain(
      "private key",
    );
    const broken = await api("POST", `/admin/accounts/${accountId}/sftp/keys`, {
      publicKey: "ssh-ed25519 AAAAnotakey",
    });
    expect(broken.status).toBe(400);
    const key = await sshKeygen(dir, "twice", "ed25519");
    expect((await cli("add-key", accountId, `${key}.pub`)).code).toBe(0);
    const twice = await api("POST", `/admin/accounts/${accountId}/sftp/keys`, {
      publicKey: await readFile(`${key}.pub`, "utf8"),
    });
    expect(twice.status).toBe(409);
  }, 60_000);

  it("sets a username and a password (stored as an argon2id hash), and removes the password", async () => {
    const set = await cli("set", accountId, "--username", "acme-edi", "--password", "a long enough password");
    expect(set.code).toBe(0);
    expect(set.stdout.split("\n")[0]).toBe("acme-edi  password and keys");
    const login = await services.ctx.store.sftpLogins.getByAccount(accountId);
    expect(login?.passwordHash).toMatch(/^\$argon2id\$/);
    const short = await cli("set", accountId, "--password", "short");
    expect(short.stderr).toContain("SFTP_PASSWORD_INVALID");
    const other = (await createAccount(services.ctx, "Other Co")).id;
    const taken = await api("PUT", `/admin/accounts/${other}/sftp`, { username: "acme-edi" });
    expect(taken.status).toBe(409);
    const bad = await api("PUT", `/admin/accounts/${other}/sftp`, { username: "../root" });
    expect(bad.status).toBe(400);
    const cleared = await cli("set", accountId, "--keys-only", "--json");
    expect(JSON.parse(cleared.stdout)).toMatchObject({ username: "acme-edi", hasPassword: false });
    const hostKey = await api("GET", "/sftp/host-key");
    expect(((await hostKey.json()) as { fingerprint: string }).fingerprint).toMatch(
      /^SHA256:[A-Za-z0-9+/]{43}$/,
    );
  }, 60_000);
});
