import type { LookupAddress } from "node:dns";
import { posix } from "node:path";
import ssh2, { type SFTPWrapper } from "ssh2";
import { isOpenVanError } from "../../../kernel/index.js";
import {
  type DeliveryTransport,
  isPushError,
  type NetworkContext,
  type OutboundGuard,
  outboundGuard,
  PushError,
  type PushReceipt,
  resolveOutbound,
} from "../../../network/index.js";
import type { DeliveryRecord } from "../../../storage/ports/index.js";
import { sshFingerprint } from "../logins/ssh-public-key.js";
import { inboxItemName } from "../server/inbox-names.js";
import { parseSftpPushSettings, type SftpPushSettings } from "./sftp-push-settings.js";

const { STATUS_CODE } = ssh2.utils.sftp;
/** The size of each SFTP write, and how many are in flight at once (as OpenSSH's sftp does). */
const writeBytes = 32 * 1024;
const maxWritesInFlight = 64;

export interface SftpPushOptions {
  /** How long to wait for the connection and the SSH handshake. */
  readonly connectTimeoutMs?: number;
  /** Every address of a host name: the system's resolver unless a test gives its own. */
  readonly lookupAll?: (host: string) => Promise<LookupAddress[]>;
}

/**
 * Pushes deliveries to a partner's own SFTP server with the ssh2 client. The file is written under a
 * temporary name (`.NAME.part`) and renamed when complete, so the partner never picks up half a file; its
 * name is the one the item has in an OpenVAN `/inbox` and holds the delivery id, so that pushing a delivery
 * again (after a crash, or a lost answer) finds the file there and does not write it twice. The host is
 * resolved once and connected to by address, only where the network's outbound guard allows.
 */
export function sftpDeliveryTransport(ctx: NetworkContext, options: SftpPushOptions = {}): DeliveryTransport {
  const guard = outboundGuard(ctx.settings.outboundAllow);
  return {
    kind: "sftp",
    async push(delivery, endpoint, content) {
      const settings = parseSftpPushSettings(endpoint.settings);
      const name = inboxItemName(delivery, await sentAs(ctx, delivery));
      const folder = settings.folder.replaceAll("{to}", delivery.toIdentity);
      const target = posix.join(folder, name);
      const partial = posix.join(folder, `.${name}.part`);
      const size = delivery.rangeEnd - delivery.rangeStart;
      const { client, sftp } = await connect(guard, settings, options);
      try {
        if (!settings.rename) {
          // The far side takes the file when it is closed, and its answer to the close is the receipt; a
          // second push of the same bytes is its own resend (or duplicate interchange) to recognise.
          await upload(sftp, target, await content());
          return receipt(settings, target, size, false);
        }
        if ((await sizeOf(sftp, target)) === size) return receipt(settings, target, size, true);
        await upload(sftp, partial, await content());
        const written = await sizeOf(sftp, partial);
        if (written !== size) {
          throw new PushError(`${partial} holds ${written} bytes after the upload, not ${size}`, false);
        }
        await rename(sftp, partial, target).catch(async (error: unknown) => {
          // A push before this one may have got there first (the answer was lost): the file is there whole.
          if ((await sizeOf(sftp, target)) !== size)
            throw sftpFailure(error, `renaming ${partial} to ${target}`);
        });
        return receipt(settings, target, size, false);
      } finally {
        client.end();
      }
    },
  };
}

async function sentAs(ctx: NetworkContext, delivery: DeliveryRecord): Promise<string | null> {
  if (delivery.format !== "file") return null;
  return (await ctx.store.messages.get(delivery.messageId))?.filename ?? null;
}

function receipt(settings: SftpPushSettings, path: string, size: number, already: boolean): PushReceipt {
  return {
    detail: {
      host: settings.host,
      port: settings.port,
      path,
      size,
      hostKey: settings.hostKeyFingerprint,
      ...(already ? { already: true } : {}),
    },
  };
}

/**
 * Resolves the host and checks its addresses (a refused one throws OUTBOUND_ADDRESS_REFUSED, permanent), then
 * logs in on them in the resolver's order, by address: the ones checked, whatever the name server would
 * answer next. An address that cannot be reached (an IPv6 address from a host without IPv6, say) passes the
 * turn to the next; a wrong host key or a refused login ends the attempt. The host key is checked against the
 * endpoint's fingerprint, which does not depend on the name.
 */
async function connect(
  guard: OutboundGuard,
  settings: SftpPushSettings,
  options: SftpPushOptions,
): Promise<{ client: ssh2.Client; sftp: SFTPWrapper }> {
  const timeoutMs = options.connectTimeoutMs ?? 20_000;
  const addresses = await resolveOutbound(guard, settings.host, options.lookupAll).catch((error: unknown) => {
    if (isOpenVanError(error)) throw error;
    const { message, code } = error as NodeJS.ErrnoException;
    throw new PushError(`could not resolve ${settings.host}: ${message}`, false, { code: code ?? null });
  });
  const tried: string[] = [];
  let failure: PushError | null = null;
  for (const { address } of addresses) {
    try {
      return await connectTo(address, settings, timeoutMs);
    } catch (error) {
      if (!isPushError(error) || error.permanent) throw error;
      tried.push(address);
      failure = error;
    }
  }
  if (failure === null || tried.length === 1) {
    throw failure ?? new PushError(`${settings.host} has no address`, false);
  }
  throw new PushError(
    `could not reach ${settings.host}:${settings.port} at any of its addresses (${tried.join(", ")}): ${failure.message}`,
    false,
    { addresses: tried },
    { cause: failure },
  );
}

/** Logs in on one address of the endpoint's host. */
function connectTo(
  address: string,
  settings: SftpPushSettings,
  timeoutMs: number,
): Promise<{ client: ssh2.Client; sftp: SFTPWrapper }> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let presented: string | null = null;
    client
      .on("ready", () =>
        client.sftp((error, sftp) => {
          if (error) {
            client.end();
            return reject(new PushError(`the server refused the SFTP subsystem: ${error.message}`, true));
          }
          resolve({ client, sftp });
        }),
      )
      .on("error", (error: Error & { level?: string; code?: string }) => {
        const where = `${settings.host}:${settings.port}`;
        if (presented !== null && presented !== settings.hostKeyFingerprint) {
          return reject(
            new PushError(
              `${where} presented the host key ${presented}, not ${settings.hostKeyFingerprint} of the endpoint's settings; nothing was sent`,
              true,
              { presented },
            ),
          );
        }
        if (error.level === "client-authentication") {
          return reject(
            new PushError(
              `${where} refused the login of ${settings.username} (key or password not taken)`,
              true,
            ),
          );
        }
        reject(
          new PushError(`could not reach ${where}: ${error.message}`, false, { code: error.code ?? null }),
        );
      })
      .connect({
        host: address,
        port: settings.port,
        username: settings.username,
        readyTimeout: timeoutMs,
        ...(settings.privateKey === null ? {} : { privateKey: settings.privateKey }),
        ...(settings.passphrase === null ? {} : { passphrase: settings.passphrase }),
        ...(settings.password === null ? {} : { password: settings.password }),
        hostVerifier: (key: Buffer) => {
          presented = sshFingerprint(key);
          return presented === settings.hostKeyFingerprint;
        },
      });
  });
}

/**
 * Writes the bytes to `path` and closes it, several writes in flight; a refusal of any write or of the close
 * (a server that checks the file when it is closed) fails the push.
 */
async function upload(sftp: SFTPWrapper, path: string, content: AsyncIterable<Uint8Array>): Promise<void> {
  const handle = await new Promise<Buffer>((resolve, reject) =>
    sftp.open(path, "w", (error, opened) =>
      error ? reject(sftpFailure(error, `opening ${path}`)) : resolve(opened),
    ),
  );
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let offset = 0;
  try {
    for await (const piece of content) {
      for (let at = 0; at < piece.length; at += writeBytes) {
        const part = Buffer.from(
          piece.buffer,
          piece.byteOffset + at,
          Math.min(writeBytes, piece.length - at),
        );
        const write = new Promise<void>((resolve, reject) =>
          sftp.write(handle, part, 0, part.length, offset, (error) => (error ? reject(error) : resolve())),
        ).catch((error: unknown) => {
          failure ??= error;
        });
        offset += part.length;
        inFlight.add(write);
        void write.finally(() => inFlight.delete(write));
        if (inFlight.size >= maxWritesInFlight) await Promise.race(inFlight);
        if (failure !== null) throw failure;
      }
    }
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
  } catch (error) {
    await new Promise<void>((resolve) => sftp.close(handle, () => resolve()));
    throw sftpFailure(error, `writing ${path}`);
  }
  await new Promise<void>((resolve, reject) =>
    sftp.close(handle, (error) => (error ? reject(sftpFailure(error, `closing ${path}`)) : resolve())),
  );
}

function sizeOf(sftp: SFTPWrapper, path: string): Promise<number | null> {
  return new Promise((resolve, reject) =>
    sftp.stat(path, (error, stats) => {
      if (error === undefined || error === null) return resolve(stats.size);
      if ((error as Error & { code?: number }).code === STATUS_CODE.NO_SUCH_FILE) return resolve(null);
      reject(sftpFailure(error, `looking at ${path}`));
    }),
  );
}

function rename(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) =>
    sftp.rename(from, to, (error) => (error ? reject(error) : resolve())),
  );
}

/** A refusal by the far side's file system cannot pass by itself: missing folder, no permission. */
function sftpFailure(error: unknown, doing: string): PushError {
  if (error instanceof PushError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const permanent = code === STATUS_CODE.NO_SUCH_FILE || code === STATUS_CODE.PERMISSION_DENIED;
  return new PushError(`${doing}: ${message}`, permanent, {
    sftpStatus: typeof code === "number" ? code : null,
  });
}
