import ssh2, { type SFTPWrapper } from "ssh2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addSshKey,
  createSftpServer,
  generateSshKeyPair,
  loadSftpHostKey,
  type SftpServer,
} from "../../../src/channels/sftp/index.js";
import { useTradingPairNetwork } from "../../support/temp-network.js";

/**
 * The SFTP server driven by a second client, the npm ssh2 one, for what OpenSSH's `sftp` does not show or do:
 * the status message of a refused close, and a connection dropped in the middle of an upload.
 */
describe("SFTP server, seen by the ssh2 client", () => {
  const live = useTradingPairNetwork();
  let server: SftpServer;
  let clientKey: string;

  beforeEach(async () => {
    const hostKey = await loadSftpHostKey(live.net.ctx);
    server = createSftpServer({ ctx: live.net.ctx, hostKey: hostKey.privateKey });
    await server.listen(0, "127.0.0.1");
    const pair = generateSshKeyPair("acme@test");
    clientKey = pair.privateKey;
    await addSshKey(live.net.ctx, live.acme, pair.publicKey);
  });
  afterEach(async () => {
    await server.close();
  });

  const connect = (): Promise<{ client: ssh2.Client; sftp: SFTPWrapper }> =>
    new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      client
        .on("ready", () => client.sftp((error, sftp) => (error ? reject(error) : resolve({ client, sftp }))))
        .on("error", reject)
        .connect({ host: "127.0.0.1", port: server.port ?? 0, username: "acmefoods", privateKey: clientKey });
    });

  const upload = (sftp: SFTPWrapper, path: string, content: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      sftp.open(path, "w", (error, handle) => {
        if (error) return reject(error);
        sftp.write(handle, content, 0, content.length, 0, (writeError) => {
          sftp.close(handle, (closeError) => {
            const failure = closeError ?? writeError;
            return failure ? reject(failure) : resolve();
          });
        });
      });
    });

  it("answers the close of a broken X12 file with a failure that says why, and keeps nothing", async () => {
    const { client, sftp } = await connect();
    try {
      const broken = Buffer.from(
        "ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*GROCERYMART    *2501",
      );
      const failure = await upload(sftp, "/outbox/broken.x12", broken).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(
        /^\/outbox\/broken\.x12: refused, nothing was sent: MESSAGE_EDI_INVALID: EDI_/,
      );
      const note = await upload(sftp, "/outbox/note.txt", Buffer.from("hello")).catch(
        (error: Error) => error,
      );
      expect((note as Error).message).toContain("put it into /outbox/QUAL:ID/");
      expect(await live.net.blobFiles()).toEqual([]);
      expect(await live.net.ctx.store.jobs.listByState("ready", 10)).toEqual([]);
    } finally {
      client.end();
    }
  });

  it("keeps nothing of an upload whose connection dropped before the close", async () => {
    const { client, sftp } = await connect();
    const handle = await new Promise<Buffer>((resolve, reject) =>
      sftp.open("/outbox/ZZ:GROCERYMART/big.bin", "w", (error, h) => (error ? reject(error) : resolve(h))),
    );
    const chunk = Buffer.alloc(32 * 1024, 7);
    for (let offset = 0; offset < 2 * 1024 * 1024; offset += chunk.length) {
      await new Promise<void>((resolve, reject) =>
        sftp.write(handle, chunk, 0, chunk.length, offset, (error) => (error ? reject(error) : resolve())),
      );
    }
    client.destroy();
    await server.close();
    expect(await live.net.blobFiles()).toEqual([]);
    expect(await live.net.ctx.store.jobs.listByState("ready", 10)).toEqual([]);
  });

  it("offers SFTP only: no shell, no command, no port forwarding", async () => {
    const { client } = await connect();
    try {
      const exec = await new Promise<Error | null>((resolve) =>
        client.exec("cat /etc/passwd", (error) => resolve(error ?? null)),
      );
      expect(exec).toBeInstanceOf(Error);
      const shell = await new Promise<Error | null>((resolve) =>
        client.shell((error) => resolve(error ?? null)),
      );
      expect(shell).toBeInstanceOf(Error);
      const forward = await new Promise<Error | null>((resolve) =>
        client.forwardOut("127.0.0.1", 0, "127.0.0.1", 22, (error) => resolve(error ?? null)),
      );
      expect(forward).toBeInstanceOf(Error);
    } finally {
      client.end();
    }
  });

  it("takes writes that arrive a little out of order, and refuses a rewrite", async () => {
    const { client, sftp } = await connect();
    try {
      const handle = await new Promise<Buffer>((resolve, reject) =>
        sftp.open("/outbox/ZZ:GROCERYMART/parts.txt", "w", (error, h) =>
          error ? reject(error) : resolve(h),
        ),
      );
      const write = (text: string, offset: number) =>
        new Promise<void>((resolve, reject) =>
          sftp.write(handle, Buffer.from(text), 0, text.length, offset, (error) =>
            error ? reject(error) : resolve(),
          ),
        );
      await write("world", 6);
      await write("hello ", 0);
      const rewrite = await write("H", 0).catch((error: Error) => error);
      expect((rewrite as Error).message).toMatch(/goes back before 11/);
    } finally {
      client.end();
    }
  });
});
