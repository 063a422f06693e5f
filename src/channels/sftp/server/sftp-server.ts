import { type AddressInfo, createServer } from "node:net";
import ssh2, { type Connection } from "ssh2";
import type { NetworkContext } from "../../../network/index.js";
import { authenticateSftp, type SftpCredential } from "../logins/sftp-authenticate.js";
import { answerPerTurn } from "./answers-per-turn.js";
import type { SftpLogger } from "./sftp-logger.js";
import { serveSftpSession } from "./sftp-session.js";

export interface SftpServerOptions {
  readonly ctx: NetworkContext;
  /** The host key's private half, OpenSSH format (see loadSftpHostKey). */
  readonly hostKey: string;
  readonly log?: SftpLogger | undefined;
  /** Called when an upload became a message (the HTTP channel pokes the job runner the same way). */
  readonly onReceived?: ((messageId: string) => void) | undefined;
  /** Told how each login attempt with a credential ended (for metrics). */
  readonly onLogin?: ((result: "accepted" | "refused" | "error") => void) | undefined;
  /** Told the number of open connections each time one opens or closes (for metrics). */
  readonly onConnections?: ((open: number) => void) | undefined;
}

/** The SFTP channel of one OpenVAN node. */
export interface SftpServer {
  /** Listens; resolves with the port (the one picked when `port` is 0). */
  listen(port: number, host: string): Promise<number>;
  /** The port listened on, or null before `listen`. */
  readonly port: number | null;
  /** Stops listening, ends every connection, and waits for the uploads that were being stored. */
  close(): Promise<void>;
}

const methods: ("publickey" | "password")[] = ["publickey", "password"];

export function createSftpServer(options: SftpServerOptions): SftpServer {
  const { ctx, log } = options;
  const connections = new Set<Connection>();
  const storing = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>): void => {
    storing.add(work);
    void work.finally(() => storing.delete(work));
  };
  let port: number | null = null;

  const config = {
    hostKeys: [options.hostKey],
    ident: "OpenVAN",
    // A client gone without a word (a cut cable, a sleeping laptop) is noticed within two minutes, so that
    // its unfinished upload is dropped and the bytes stored so far removed.
    keepaliveInterval: 30_000,
    keepaliveCountMax: 4,
  };
  const ssh = new ssh2.Server(config, (client, info) => {
    connections.add(client);
    options.onConnections?.(connections.size);
    client.on("close", () => {
      connections.delete(client);
      options.onConnections?.(connections.size);
    });
    let accountId: string | null = null;
    let username = "";
    client.on("authentication", (auth) => {
      const credential: SftpCredential | null =
        auth.method === "password"
          ? { method: "password", password: auth.password }
          : auth.method === "publickey"
            ? {
                method: "publickey",
                blob: auth.key.data,
                ...(auth.signature === undefined || auth.blob === undefined
                  ? {}
                  : {
                      signature: {
                        data: auth.blob,
                        signature: auth.signature,
                        ...(auth.hashAlgo === undefined ? {} : { hashAlgo: auth.hashAlgo }),
                      },
                    }),
              }
            : null;
      if (credential === null) return auth.reject(methods);
      authenticateSftp(ctx, auth.username, credential).then(
        (account) => {
          if (account === null) {
            // A public key offered without a signature only asks whether the key would do: not an attempt.
            if (credential.method === "password" || credential.signature !== undefined) {
              log?.info({ username: auth.username, method: auth.method, ip: info.ip }, "sftp login refused");
              options.onLogin?.("refused");
            }
            return auth.reject(methods);
          }
          if (credential.method === "password" || credential.signature !== undefined) {
            options.onLogin?.("accepted");
          }
          accountId = account;
          username = auth.username;
          auth.accept();
        },
        (error: unknown) => {
          log?.error({ err: error, username: auth.username }, "sftp login could not be checked");
          options.onLogin?.("error");
          auth.reject(methods);
        },
      );
    });
    client.on("ready", () => {
      const account = accountId;
      if (account === null) return client.end();
      log?.info({ username, ip: info.ip }, "sftp login");
      client.on("session", (acceptSession) => {
        const session = acceptSession();
        session.on("sftp", (acceptSftp) => {
          serveSftpSession(acceptSftp(), {
            ctx,
            accountId: account,
            username,
            log,
            onReceived: options.onReceived,
            track,
          });
        });
      });
    });
    client.on("error", (error) => log?.info({ err: error, ip: info.ip }, "sftp connection error"));
  });

  // The listener is ours, so that each connection's socket is set up before SSH takes it over.
  const server = createServer((socket) => {
    // Nagle's algorithm with delayed ACKs held uploads to a third of their speed.
    socket.setNoDelay(true);
    ssh.injectSocket(socket);
    answerPerTurn(socket);
  });
  server.on("error", (error: Error) => log?.error({ err: error }, "sftp server error"));

  return {
    get port() {
      return port;
    },

    listen(wanted, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(wanted, host, () => {
          server.off("error", reject);
          port = (server.address() as AddressInfo).port;
          log?.info({ host, port }, "sftp listening");
          resolve(port);
        });
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of connections) client.end();
      await Promise.allSettled([...storing]);
      if (port !== null) await closed;
    },
  };
}
