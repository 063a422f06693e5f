import { mkdtemp, readFile, rm } from "node:fs/promises";
import { type AddressInfo, createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterAll, describe, expect, it } from "vitest";
import { runServer } from "../../network/run-server.js";
import { runSftp, writeKnownHosts } from "./openssh-client.js";

interface DemoFile {
  readonly url: string;
  readonly sftpPort: number;
  readonly accounts: readonly { apiKey: string; sftp: { username: string; password: string } }[];
}

const sample = new URL("../../../samples/x12-850-purchase-order.edi", import.meta.url).pathname;

/** `openvan serve --demo`: each demo company gets an SFTP login, written to demo.json, that OpenSSH's sftp uses. */
describe("openvan serve --demo with SFTP", () => {
  let dir: string;
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the SFTP port, gives the demo companies logins, and closes connections when it stops", async () => {
    dir = await mkdtemp(join(tmpdir(), "openvan-sftp-demo-"));
    const data = join(dir, "data");
    const server = await runServer({ data, demo: true });
    let demo: DemoFile | null = null;
    for (let i = 0; i < 200 && demo === null; i++) {
      demo = await readFile(join(data, "demo.json"), "utf8").then(
        (text) => JSON.parse(text) as DemoFile,
        () => null,
      );
      if (demo === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (demo === null) throw new Error(`no demo.json:\n${server.output()}`);
    const [acme, grocer] = demo.accounts;
    expect(server.output()).toContain(`SFTP:     port ${demo.sftpPort} `);
    expect(acme?.sftp.username).toBe("acmefoods");
    expect(grocer?.sftp.username).toBe("grocerymart");
    expect(server.output()).toContain(`SFTP:    acmefoods / ${acme?.sftp.password}`);

    const hostKey = (await (
      await fetch(`${demo.url}/api/v1/sftp/host-key`, {
        headers: { authorization: `Bearer ${acme?.apiKey}` },
      })
    ).json()) as { publicKey: string };
    const knownHosts = await writeKnownHosts(join(dir, "known_hosts"), demo.sftpPort, hostKey.publicKey);
    const login = (who: typeof acme) => ({
      port: demo.sftpPort,
      knownHosts,
      username: who?.sftp.username ?? "",
      password: who?.sftp.password ?? "",
    });
    const sent = await runSftp(dir, login(acme), [`put ${sample} /outbox/po.edi`]);
    expect(sent.stderr).toBe("");
    let listed = "";
    for (let i = 0; i < 100 && !listed.includes("_850_"); i++) {
      listed = (await runSftp(dir, login(grocer), ["ls /inbox"])).stdout;
    }
    expect(listed).toMatch(/_ZZ-ACMEFOODS_850_dlv_\w+\.edi/);

    // An idle session is ended by the stop, and the port no longer answers.
    const client = new ssh2.Client();
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    await new Promise<void>((resolve, reject) =>
      client
        .once("ready", () => resolve())
        .once("error", reject)
        .connect({
          host: "127.0.0.1",
          port: demo.sftpPort,
          username: acme?.sftp.username ?? "",
          password: acme?.sftp.password ?? "",
        }),
    );
    expect(await server.stop()).toBe(0);
    await closed;
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port: demo.sftpPort });
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 120_000);

  it("says which setting to change when the SFTP port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", () => resolve()));
    const port = (taken.address() as AddressInfo).port;
    const data = await mkdtemp(join(tmpdir(), "openvan-sftp-taken-"));
    try {
      const failure = await runServer({ data, sftpPort: String(port) }).then(
        async (server) => {
          await server.stop();
          return null;
        },
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: "CONFIG_INVALID" });
      expect((failure as Error).message).toBe(
        `--sftp-port (OPENVAN_SFTP_PORT): 127.0.0.1:${port} cannot be listened on (EADDRINUSE); choose another port, or off`,
      );
    } finally {
      taken.close();
      await rm(data, { recursive: true, force: true });
    }
  }, 60_000);
});
