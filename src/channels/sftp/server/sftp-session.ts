import ssh2, { type Attributes, type FileEntry, type SFTPWrapper } from "ssh2";
import { isOpenVanError } from "../../../kernel/index.js";
import {
  confirmPickup,
  getMailboxItem,
  listMailbox,
  type NetworkContext,
  openMailboxItem,
  parseIdentityAddress,
  type ReceiveVerdict,
  receiveMessage,
} from "../../../network/index.js";
import type { DeliveryRecord } from "../../../storage/ports/index.js";
import { inboxItemName, itemIdOfName } from "./inbox-names.js";
import { ItemReader } from "./item-reader.js";
import { directoryAttrs, entryOf, fileAttrs } from "./sftp-attrs.js";
import type { SftpLogger } from "./sftp-logger.js";
import { normalizeSftpPath, type SftpPlace, sftpPlace } from "./sftp-paths.js";
import { UploadStream } from "./upload-stream.js";

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

export interface SftpSessionDeps {
  readonly ctx: NetworkContext;
  readonly accountId: string;
  readonly username: string;
  readonly log?: SftpLogger | undefined;
  /** Called when an upload became a message, so that routing starts at once. */
  readonly onReceived?: ((messageId: string) => void) | undefined;
  /** Told of every upload under way, so that a stopping server can wait for them. */
  readonly track: (work: Promise<unknown>) => void;
}

type Handle =
  | {
      readonly kind: "upload";
      readonly path: string;
      readonly stream: UploadStream;
      readonly verdict: Promise<ReceiveVerdict>;
      readonly openedAt: Date;
    }
  | { readonly kind: "download"; readonly item: DeliveryRecord; readonly reader: ItemReader }
  | { readonly kind: "directory"; readonly next: () => Promise<FileEntry[] | null> };

/** A refusal with its SFTP status code and a message that says why. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const layout = "this login sees /inbox (to pick up) and /outbox (to send) only";

/**
 * One SFTP session of one account, over the account's virtual tree: `/outbox` takes uploads into the network
 * (each a message once closed), `/inbox` shows the mailbox (read to download, remove to confirm pickup).
 * Every request gets an answer: its result, or a status code with a message saying why not.
 */
export function serveSftpSession(sftp: SFTPWrapper, deps: SftpSessionDeps): void {
  const { ctx, accountId } = deps;
  const handles = new Map<number, Handle>();
  const filenames = new Map<string, string | null>();
  let nextHandle = 0;

  const answer = (id: number, work: () => Promise<void>): void => {
    work()
      .catch((error: unknown) => {
        if (error instanceof Refusal) return sftp.status(id, error.status, error.message);
        deps.log?.error({ err: error, username: deps.username }, "sftp request failed");
        sftp.status(id, STATUS_CODE.FAILURE, "OpenVAN could not do this just now; try again later");
      })
      // The client went away while the answer was being worked out: nobody is left to tell.
      .catch((error: unknown) =>
        deps.log?.info({ err: error, username: deps.username }, "sftp answer not sent"),
      );
  };
  const newHandle = (handle: Handle): Buffer => {
    const id = nextHandle++;
    handles.set(id, handle);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    return buffer;
  };
  const handleOf = (buffer: Buffer): [number, Handle] => {
    const id = buffer.length === 4 ? buffer.readUInt32BE(0) : -1;
    const handle = handles.get(id);
    if (handle === undefined) throw new Refusal(STATUS_CODE.FAILURE, "no such handle (closed already?)");
    return [id, handle];
  };

  /** The original name of a file sent as a message, shown after the item id in /inbox. */
  const sentAs = async (item: DeliveryRecord): Promise<string | null> => {
    if (item.format !== "file") return null;
    if (!filenames.has(item.messageId)) {
      filenames.set(item.messageId, (await ctx.store.messages.get(item.messageId))?.filename ?? null);
    }
    return filenames.get(item.messageId) ?? null;
  };
  const itemEntry = async (item: DeliveryRecord): Promise<FileEntry> =>
    entryOf(
      inboxItemName(item, await sentAs(item)),
      fileAttrs(item.rangeEnd - item.rangeStart, new Date(item.createdAt)),
    );
  const findItem = async (name: string): Promise<DeliveryRecord> => {
    const missing = new Refusal(STATUS_CODE.NO_SUCH_FILE, `/inbox/${name}: no such item in the mailbox`);
    const id = itemIdOfName(name);
    if (id === null) throw missing;
    const item = await getMailboxItem(ctx, accountId, id).catch((error: unknown) => {
      throw isOpenVanError(error) && error.code === "NOT_FOUND" ? missing : error;
    });
    if (item.state !== "in_mailbox" || inboxItemName(item, await sentAs(item)) !== name) throw missing;
    return item;
  };
  /** A `QUAL:ID` folder of /outbox: it exists when the identity is on the network. */
  const recipientFolder = async (name: string): Promise<string | null> => {
    let address: { qualifier: string; value: string };
    try {
      address = parseIdentityAddress(name);
    } catch {
      return null;
    }
    const identity = await ctx.store.identities.findByAddress(address.qualifier, address.value);
    return identity === null ? null : name;
  };
  const noRecipient = (name: string): Refusal =>
    new Refusal(
      STATUS_CODE.NO_SUCH_FILE,
      `/outbox/${name}: no identity ${name} on this network; a file is addressed by its folder, /outbox/QUAL:ID/NAME`,
    );

  const attrsOf = async (place: SftpPlace): Promise<Attributes> => {
    const now = ctx.clock.now();
    switch (place.kind) {
      case "root":
      case "outbox":
      case "inbox":
        return directoryAttrs(now);
      case "outbox-entry":
        if ((await recipientFolder(place.name)) !== null) return directoryAttrs(now);
        throw new Refusal(
          STATUS_CODE.NO_SUCH_FILE,
          `/outbox/${place.name}: nothing stays in /outbox; an upload enters the network when it is closed`,
        );
      case "outbox-addressed":
        throw new Refusal(
          STATUS_CODE.NO_SUCH_FILE,
          `/outbox/${place.to}/${place.name}: nothing stays in /outbox; an upload enters the network when it is closed`,
        );
      case "inbox-item": {
        const item = await findItem(place.name);
        return fileAttrs(item.rangeEnd - item.rangeStart, new Date(item.createdAt));
      }
      case "none":
        throw new Refusal(STATUS_CODE.NO_SUCH_FILE, `${place.path}: no such file; ${layout}`);
    }
  };

  const startUpload = (path: string, to: string | null, name: string): Buffer => {
    const stream = new UploadStream();
    const verdict = receiveMessage(ctx, {
      accountId,
      channel: "sftp",
      body: stream.chunks(),
      to,
      filename: name,
    });
    deps.track(verdict.catch(() => undefined));
    // Ingest may give up before the client is done (too large, a broken envelope): stop taking writes then.
    verdict.then(
      (outcome) => {
        if (outcome.kind === "rejected") stream.fail(new Error(outcome.error.message));
      },
      (error: unknown) => stream.fail(error instanceof Error ? error : new Error(String(error))),
    );
    return newHandle({ kind: "upload", path, stream, verdict, openedAt: ctx.clock.now() });
  };

  const open = async (path: string, flags: number): Promise<Buffer> => {
    const place = sftpPlace(path);
    const writing = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT)) !== 0;
    if (writing) {
      if ((flags & OPEN_MODE.READ) !== 0) {
        throw new Refusal(
          STATUS_CODE.OP_UNSUPPORTED,
          `${normalizeSftpPath(path)}: open to read or to write, not both`,
        );
      }
      switch (place.kind) {
        case "outbox-entry":
          return startUpload(normalizeSftpPath(path), null, place.name);
        case "outbox-addressed": {
          const to = await recipientFolder(place.to);
          if (to === null) throw noRecipient(place.to);
          return startUpload(normalizeSftpPath(path), to, place.name);
        }
        case "inbox":
        case "inbox-item":
          throw new Refusal(
            STATUS_CODE.PERMISSION_DENIED,
            `${normalizeSftpPath(path)}: /inbox is for picking up; put files into /outbox to send them`,
          );
        case "root":
        case "outbox":
          throw new Refusal(STATUS_CODE.FAILURE, `${normalizeSftpPath(path)} is a folder`);
        case "none":
          throw new Refusal(
            STATUS_CODE.PERMISSION_DENIED,
            `${place.path}: uploads go into /outbox (or /outbox/QUAL:ID for a file that is not EDI); ${layout}`,
          );
      }
    }
    if (place.kind !== "inbox-item") {
      await attrsOf(place);
      throw new Refusal(STATUS_CODE.FAILURE, `${normalizeSftpPath(path)} is a folder`);
    }
    const item = await findItem(place.name);
    const reader = new ItemReader(item.rangeEnd - item.rangeStart, (start) =>
      openMailboxItem(ctx, item, { start, end: item.rangeEnd - item.rangeStart }),
    );
    return newHandle({ kind: "download", item, reader });
  };

  const finishUpload = async (handle: Extract<Handle, { kind: "upload" }>): Promise<void> => {
    try {
      handle.stream.end();
    } catch (error) {
      throw new Refusal(STATUS_CODE.FAILURE, `${handle.path}: ${(error as Error).message}; nothing was sent`);
    }
    let verdict: ReceiveVerdict;
    try {
      verdict = await handle.verdict;
    } catch (error) {
      deps.log?.error({ err: error, username: deps.username, path: handle.path }, "sftp upload not stored");
      throw new Refusal(
        STATUS_CODE.FAILURE,
        `${handle.path}: OpenVAN could not store the upload just now; nothing was sent, upload it again later`,
      );
    }
    if (verdict.kind === "rejected") {
      deps.log?.info(
        { username: deps.username, path: handle.path, code: verdict.error.code },
        "sftp upload refused",
      );
      throw new Refusal(
        STATUS_CODE.FAILURE,
        `${handle.path}: refused, nothing was sent: ${refusalText(verdict)}`,
      );
    }
    deps.log?.info(
      { username: deps.username, path: handle.path, messageId: verdict.messageId, replay: verdict.replay },
      "sftp upload received",
    );
    if (!verdict.replay) deps.onReceived?.(verdict.messageId);
  };

  const listing = (place: SftpPlace): (() => Promise<FileEntry[] | null>) => {
    if (place.kind === "root") {
      const now = ctx.clock.now();
      let given = false;
      return async () => {
        if (given) return null;
        given = true;
        return [entryOf("inbox", directoryAttrs(now)), entryOf("outbox", directoryAttrs(now))];
      };
    }
    if (place.kind === "inbox") {
      let after: string | null = null;
      let done = false;
      return async () => {
        if (done) return null;
        const page = await listMailbox(ctx, accountId, after, 100);
        after = page.next;
        done = page.next === null;
        if (page.items.length === 0) return null;
        const entries: FileEntry[] = [];
        for (const item of page.items) entries.push(await itemEntry(item));
        return entries;
      };
    }
    // /outbox and its QUAL:ID folders are always empty: an upload is a message once closed, not a file.
    return async () => null;
  };

  sftp
    .on("REALPATH", (id, path) => {
      const absolute = normalizeSftpPath(path);
      sftp.name(id, [{ filename: absolute, longname: absolute, attrs: {} as Attributes }]);
    })
    .on("STAT", (id, path) => answer(id, async () => sftp.attrs(id, await attrsOf(sftpPlace(path)))))
    .on("LSTAT", (id, path) => answer(id, async () => sftp.attrs(id, await attrsOf(sftpPlace(path)))))
    .on("OPEN", (id, path, flags) => answer(id, async () => sftp.handle(id, await open(path, flags))))
    .on("WRITE", (id, buffer, offset, data) =>
      answer(id, async () => {
        const [, handle] = handleOf(buffer);
        if (handle.kind !== "upload")
          throw new Refusal(STATUS_CODE.PERMISSION_DENIED, "this file is open to read");
        await handle.stream.write(offset, data).catch((error: unknown) => {
          throw new Refusal(STATUS_CODE.FAILURE, `${handle.path}: ${(error as Error).message}`);
        });
        sftp.status(id, STATUS_CODE.OK);
      }),
    )
    .on("READ", (id, buffer, offset, length) =>
      answer(id, async () => {
        const [, handle] = handleOf(buffer);
        if (handle.kind !== "download")
          throw new Refusal(STATUS_CODE.PERMISSION_DENIED, "this file is open to write");
        const data = await handle.reader.read(offset, length);
        if (data === null) sftp.status(id, STATUS_CODE.EOF);
        else sftp.data(id, data);
      }),
    )
    .on("FSTAT", (id, buffer) =>
      answer(id, async () => {
        const [, handle] = handleOf(buffer);
        if (handle.kind === "upload") sftp.attrs(id, fileAttrs(handle.stream.size, handle.openedAt));
        else if (handle.kind === "download") {
          const { item } = handle;
          sftp.attrs(id, fileAttrs(item.rangeEnd - item.rangeStart, new Date(item.createdAt)));
        } else sftp.attrs(id, directoryAttrs(ctx.clock.now()));
      }),
    )
    // Times and modes mean nothing in this tree (`put -p` sends them): taken and let be.
    .on("FSETSTAT", (id, buffer) =>
      answer(id, async () => {
        handleOf(buffer);
        sftp.status(id, STATUS_CODE.OK);
      }),
    )
    .on("SETSTAT", (id, path) =>
      answer(id, async () => {
        await attrsOf(sftpPlace(path));
        sftp.status(id, STATUS_CODE.OK);
      }),
    )
    .on("CLOSE", (id, buffer) =>
      answer(id, async () => {
        const [key, handle] = handleOf(buffer);
        handles.delete(key);
        if (handle.kind === "upload") await finishUpload(handle);
        else if (handle.kind === "download") handle.reader.close();
        sftp.status(id, STATUS_CODE.OK);
      }),
    )
    .on("OPENDIR", (id, path) =>
      answer(id, async () => {
        const place = sftpPlace(path);
        await attrsOf(place);
        if (place.kind === "inbox-item")
          throw new Refusal(STATUS_CODE.FAILURE, `${normalizeSftpPath(path)} is a file`);
        sftp.handle(id, newHandle({ kind: "directory", next: listing(place) }));
      }),
    )
    .on("READDIR", (id, buffer) =>
      answer(id, async () => {
        const [, handle] = handleOf(buffer);
        if (handle.kind !== "directory")
          throw new Refusal(STATUS_CODE.FAILURE, "this handle is not a folder");
        const entries = await handle.next();
        if (entries === null) sftp.status(id, STATUS_CODE.EOF);
        else sftp.name(id, entries);
      }),
    )
    .on("REMOVE", (id, path) =>
      answer(id, async () => {
        const place = sftpPlace(path);
        if (place.kind !== "inbox-item") {
          await attrsOf(place);
          throw new Refusal(
            STATUS_CODE.PERMISSION_DENIED,
            `${normalizeSftpPath(path)}: only items in /inbox can be removed (removing one confirms its pickup)`,
          );
        }
        const item = await findItem(place.name);
        await confirmPickup(ctx, accountId, item.id);
        deps.log?.info({ username: deps.username, itemId: item.id }, "sftp pickup confirmed");
        sftp.status(id, STATUS_CODE.OK);
      }),
    )
    .on("MKDIR", (id, path) =>
      answer(id, async () => {
        const place = sftpPlace(path);
        // A client that makes the folder before putting into it is told it is there already: it always is.
        if (place.kind === "outbox-entry") {
          if ((await recipientFolder(place.name)) === null) throw noRecipient(place.name);
          return sftp.status(id, STATUS_CODE.OK);
        }
        throw new Refusal(
          STATUS_CODE.PERMISSION_DENIED,
          `${normalizeSftpPath(path)}: folders cannot be made; ${layout}, and /outbox/QUAL:ID needs no mkdir`,
        );
      }),
    )
    .on("RMDIR", (id, path) =>
      sftp.status(id, STATUS_CODE.PERMISSION_DENIED, `${normalizeSftpPath(path)}: folders cannot be removed`),
    )
    .on("RENAME", (id, from) =>
      sftp.status(
        id,
        STATUS_CODE.OP_UNSUPPORTED,
        `${normalizeSftpPath(from)}: renaming is not offered; an upload enters the network when it is closed`,
      ),
    )
    .on("READLINK", (id, path) =>
      sftp.status(
        id,
        STATUS_CODE.OP_UNSUPPORTED,
        `${normalizeSftpPath(path)}: there are no symbolic links here`,
      ),
    )
    .on("SYMLINK", (id, link) =>
      sftp.status(
        id,
        STATUS_CODE.OP_UNSUPPORTED,
        `${normalizeSftpPath(link)}: symbolic links cannot be made`,
      ),
    );

  // The session ended (the client quit or the connection dropped): an upload not closed never enters the
  // network, so its stream is cut off and ingest removes what it stored.
  const abandon = (): void => {
    for (const handle of handles.values()) {
      if (handle.kind === "upload")
        handle.stream.fail(new Error("the connection ended before the upload was closed"));
      else if (handle.kind === "download") handle.reader.close();
    }
    handles.clear();
  };
  sftp.on("end", () => {
    abandon();
    // OpenSSH's sftp waits for the server's end of the channel before it exits.
    sftp.end();
  });
  sftp.on("close", abandon);
}

/** The refusal in words for an SFTP user: the network's message, with SFTP's way to give a recipient. */
function refusalText(verdict: Extract<ReceiveVerdict, { kind: "rejected" }>): string {
  if (verdict.error.code === "MESSAGE_RECIPIENT_REQUIRED") {
    return "this file is not X12 or EDIFACT, so it needs a recipient: put it into /outbox/QUAL:ID/ (the recipient's identity)";
  }
  return `${verdict.error.code}: ${verdict.error.message}`;
}
