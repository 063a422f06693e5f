import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSshKey, loadSftpHostKey, setSftpLogin } from "../../../src/channels/sftp/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { addIdentity, createAccount, issueApiKey, listMailbox } from "../../../src/network/index.js";
import { openServices, type Services } from "../../../src/services/index.js";
import { runSftp, type SftpLogin, sshKeygen, writeKnownHosts } from "./openssh-client.js";

const fixture = (name: string): Promise<Buffer> =>
  readFile(new URL(`../../fixtures/network/${name}`, import.meta.url));

/** The backend a run uses: OPENVAN_* settings for the node, and what to count to see that nothing was kept. */
export interface SftpBackend {
  readonly env: Record<string, string>;
  /** How many blobs the blob store holds. */
  countBlobs(): Promise<number>;
  close(): Promise<void>;
}

export interface SftpE2eOptions {
  /** Run the whole list of cases, or only the main path (send, route, list, get, remove) and a refused upload. */
  readonly full: boolean;
}

/**
 * OpenSSH's `sftp` client in batch mode against an OpenVAN node (openServices on a temporary data folder):
 * Acme Foods sends, Grocery Mart picks up, both with their own SSH keys.
 */
export function describeSftpE2e(
  name: string,
  openBackend: (dir: string) => Promise<SftpBackend>,
  options: SftpE2eOptions,
): void {
  describe(`SFTP with OpenSSH's sftp client (${name})`, () => {
    let dir: string;
    let backend: SftpBackend;
    let services: Services;
    let acme: SftpLogin;
    let grocer: SftpLogin;
    let grocerId: string;
    let grocerApiKey: string;
    let url: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "openvan-sftp-"));
      backend = await openBackend(dir);
      services = await openServices(
        loadConfig({
          env: backend.env,
          overrides: { dataDir: join(dir, "data"), host: "127.0.0.1", port: 0 },
        }),
      );
      url = await services.start();
      const { ctx } = services;
      const port = services.sftp?.port ?? 0;
      const hostKey = await loadSftpHostKey(ctx);
      const knownHosts = await writeKnownHosts(join(dir, "known_hosts"), port, hostKey.publicKey);
      const acmeId = (await createAccount(ctx, "Acme Foods")).id;
      grocerId = (await createAccount(ctx, "Grocery Mart")).id;
      await addIdentity(ctx, acmeId, "ZZ:ACMEFOODS");
      await addIdentity(ctx, grocerId, "ZZ:GROCERYMART");
      grocerApiKey = (await issueApiKey(ctx, grocerId, "account")).key;
      const acmeKey = await sshKeygen(dir, "acme", "ed25519");
      const grocerKey = await sshKeygen(dir, "grocer", "ecdsa");
      await setSftpLogin(ctx, acmeId, { username: "acme" });
      await addSshKey(ctx, acmeId, await readFile(`${acmeKey}.pub`, "utf8"));
      await addSshKey(ctx, grocerId, await readFile(`${grocerKey}.pub`, "utf8"));
      acme = { port, username: "acme", knownHosts, key: acmeKey };
      grocer = { port, username: "grocerymart", knownHosts, key: grocerKey };
    }, 60_000);

    afterAll(async () => {
      await services?.stop();
      await backend?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const mailbox = async () => (await listMailbox(services.ctx, grocerId, null, 100)).items;
    const waitForMailbox = async (count: number) => {
      for (let i = 0; i < 200 && (await mailbox()).length < count; i++) await sleep(50);
      return mailbox();
    };
    const local = async (fileName: string, content: Buffer | string) => {
      const file = join(dir, fileName);
      await writeFile(file, content);
      return file;
    };

    it("routes an X12 file put into /outbox and a file put into /outbox/QUAL:ID; the partner lists, gets byte-identical and removes them", async () => {
      const x12 = await fixture("x12-850-acme-to-grocery.x12");
      const csv = await fixture("price-list.csv");
      const sent = await runSftp(dir, acme, [
        `put ${await local("po.x12", x12)} /outbox/po.x12`,
        `put ${await local("prices.csv", csv)} /outbox/ZZ:GROCERYMART/prices.csv`,
        "ls /outbox",
      ]);
      expect(sent.stderr).toBe("");
      expect(sent.code).toBe(0);
      const items = await waitForMailbox(2);
      expect(items.map((item) => item.format).sort()).toEqual(["file", "x12"]);

      const listed = await runSftp(dir, grocer, ["ls -l /inbox"]);
      expect(listed.code).toBe(0);
      const names = listed.stdout
        .split("\n")
        .filter((line) => line.startsWith("-"))
        .map((line) => ({
          size: Number(line.trim().split(/\s+/)[4]),
          name: line.trim().split(/\s+/).pop() ?? "",
        }));
      expect(names).toHaveLength(2);
      const x12Name = names.find((entry) => entry.name.endsWith(".edi"));
      const csvName = names.find((entry) => entry.name.endsWith("_prices.csv"));
      expect(x12Name?.name).toMatch(/^\d{8}T\d{6}Z_ZZ-ACMEFOODS_850_dlv_[0-9a-z]{26}\.edi$/);
      expect(x12Name?.size).toBe(x12.length);
      expect(csvName?.name).toMatch(/^\d{8}T\d{6}Z_ZZ-ACMEFOODS_file_dlv_[0-9a-z]{26}_prices\.csv$/);
      expect(csvName?.size).toBe(csv.length);

      const got = await runSftp(dir, grocer, [
        `get /inbox/${x12Name?.name} ${join(dir, "got.x12")}`,
        `get /inbox/${csvName?.name} ${join(dir, "got.csv")}`,
        `rm /inbox/${x12Name?.name}`,
        `rm /inbox/${csvName?.name}`,
      ]);
      expect(got.code).toBe(0);
      expect(await readFile(join(dir, "got.x12"))).toEqual(x12);
      expect(await readFile(join(dir, "got.csv"))).toEqual(csv);
      // Removing confirmed the pickup: the API's mailbox is empty, the items are picked up.
      const api = await fetch(`${url}/api/v1/mailbox`, {
        headers: { authorization: `Bearer ${grocerApiKey}` },
      });
      expect(((await api.json()) as { items: unknown[] }).items).toEqual([]);
      for (const item of items) {
        expect((await services.ctx.store.deliveries.get(item.id))?.state).toBe("picked_up");
      }
    }, 60_000);

    it("refuses a broken X12 file at close, saying why, and keeps nothing", async () => {
      const blobsBefore = await backend.countBlobs();
      const before = await mailbox();
      const bad = await local("truncated.x12", await fixture("x12-850-truncated.x12"));
      const run = await runSftp(dir, acme, [`put ${bad} /outbox/truncated.x12`]);
      expect(run.code).not.toBe(0);
      // OpenSSH prints the status code only ("close remote: Failure"); the reason is in the status message,
      // which sftp-status-messages.test.ts reads with another client.
      expect(run.stderr).toMatch(/close remote.*Failure/i);
      expect(await backend.countBlobs()).toBe(blobsBefore);
      expect(await mailbox()).toEqual(before);
    }, 30_000);

    if (!options.full) return;

    it("works with curl (libssh2) too: an upload addressed by folder, and a download of the item", async () => {
      const body = await local("curl.txt", "sent with curl\n");
      const fingerprint = (await loadSftpHostKey(services.ctx)).fingerprint.replace(/^SHA256:/, "");
      const curl = (login: SftpLogin, ...args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
          execFile(
            "curl",
            [
              "-sS",
              "--key",
              login.key ?? "",
              "--pubkey",
              `${login.key}.pub`,
              "--hostpubsha256",
              fingerprint,
              ...args,
            ],
            (error, stdout, stderr) => resolve({ code: error === null ? 0 : 1, stdout, stderr }),
          ),
        );
      const base = `sftp://127.0.0.1:${acme.port}`;
      const sent = await curl(
        { ...acme, username: "acme" },
        "-u",
        "acme:",
        "-T",
        body,
        `${base}/outbox/ZZ:GROCERYMART/curl.txt`,
      );
      expect(sent.stderr).toBe("");
      const items = await waitForMailbox(1);
      const listed = await curl({ ...grocer }, "-u", "grocerymart:", `${base}/inbox/`);
      const name = listed.stdout
        .split("\n")
        .find((line) => line.includes("_curl.txt"))
        ?.trim()
        .split(/\s+/)
        .pop();
      expect(name).toMatch(/_file_dlv_[0-9a-z]{26}_curl\.txt$/);
      const got = await curl({ ...grocer }, "-u", "grocerymart:", `${base}/inbox/${name}`);
      expect(got.stdout).toBe("sent with curl\n");
      expect(items.length).toBeGreaterThan(0);
    }, 60_000);

    it("refuses a file that is not EDI put straight into /outbox, and one addressed to an unknown identity", async () => {
      const note = await local("note.txt", "not EDI at all\n");
      const plain = await runSftp(dir, acme, [`put ${note} /outbox/note.txt`]);
      expect(plain.code).not.toBe(0);
      const unknown = await runSftp(dir, acme, [`put ${note} /outbox/ZZ:NOBODY/note.txt`]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toMatch(/No such file/i);
    }, 30_000);

    it("keeps every path inside the account's tree", async () => {
      const note = await local("escape.txt", "escape\n");
      const root = await runSftp(dir, acme, ["ls /", "ls /../../..", "cd /inbox/../..", "pwd"]);
      expect(root.code).toBe(0);
      expect(root.stdout).toMatch(/\/inbox\s+\/outbox/);
      expect(root.stdout).toContain("Remote working directory: /\n");
      const refused: [string, RegExp][] = [
        ["get /etc/passwd", /"\/etc\/passwd" not found/],
        ["get ../../../../etc/passwd", /not found/],
        [`put ${note} /escape.txt`, /Permission denied/i],
        [`put ${note} /inbox/escape.txt`, /Permission denied/i],
        [`put ${note} /outbox/ZZ:GROCERYMART/../../etc/escape.txt`, /Permission denied/],
        ["mkdir /outbox/newdir", /No such file/],
        ["mkdir /etc", /Permission denied/i],
        ["rename /outbox/a /outbox/b", /Operation unsupported/],
        ["symlink /etc/passwd /outbox/link", /Operation unsupported/],
        ["rmdir /inbox", /Permission denied/i],
        ["rm /outbox/anything", /No such file/],
      ];
      for (const [command, reason] of refused) {
        const run = await runSftp(dir, acme, [command]);
        expect(run.code, command).not.toBe(0);
        expect(run.stderr, command).toMatch(reason);
      }
      const made = await runSftp(dir, acme, [
        "mkdir /outbox/ZZ:GROCERYMART",
        "cd /outbox/ZZ:GROCERYMART",
        "pwd",
      ]);
      expect(made.code).toBe(0);
      expect(made.stdout).toContain("Remote working directory: /outbox/ZZ:GROCERYMART");
      expect(await readdir(join(dir, "data"))).not.toContain("escape.txt");
    }, 60_000);

    it("refuses a key it does not know, and takes a password when the login has one", async () => {
      const stranger = await sshKeygen(dir, "stranger", "rsa", 3072);
      const refused = await runSftp(dir, { ...acme, key: stranger }, ["ls /"]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/Permission denied/);

      const password = "correct horse battery staple";
      const acmeAccount = await services.ctx.store.sftpLogins.findByUsername("acme");
      await setSftpLogin(services.ctx, acmeAccount?.accountId ?? "", { password });
      const { key: _key, ...withoutKey } = acme;
      const byPassword = await runSftp(dir, { ...withoutKey, password }, ["ls /inbox"]);
      expect(byPassword.stderr).toBe("");
      expect(byPassword.code).toBe(0);
      const wrong = await runSftp(dir, { ...withoutKey, password: "not the password at all" }, ["ls /"]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/Permission denied/);

      // /metrics counts the logins by result (a key offered without a signature is a question, not an
      // attempt), and the connections open; every client above has gone.
      const metric = async (line: RegExp): Promise<number> =>
        Number(line.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? Number.NaN);
      expect(await metric(/^openvan_sftp_logins_total\{result="refused"\} (\d+)$/m)).toBeGreaterThanOrEqual(
        1,
      );
      expect(await metric(/^openvan_sftp_logins_total\{result="accepted"\} (\d+)$/m)).toBeGreaterThanOrEqual(
        2,
      );
      let open = await metric(/^openvan_sftp_connections (\d+)$/m);
      for (let i = 0; i < 50 && open !== 0; i++) {
        await sleep(100);
        open = await metric(/^openvan_sftp_connections (\d+)$/m);
      }
      expect(open).toBe(0);
    }, 60_000);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
