import { posix } from "node:path";
import { PushError } from "../../../network/index.js";

/** What an `sftp` push endpoint's settings hold, checked. */
export interface SftpPushSettings {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The private key (OpenSSH or PEM text) to log in with, and its passphrase if it has one. */
  readonly privateKey: string | null;
  readonly passphrase: string | null;
  readonly password: string | null;
  /** `SHA256:…` of the server's host key, as `ssh-keygen -lf` prints it: the server must present this key. */
  readonly hostKeyFingerprint: string;
  /**
   * The remote folder the files are written into (absolute, or relative to the login's home); `{to}` in it
   * stands for the delivery's recipient identity (`/outbox/{to}` on another OpenVAN network).
   */
  readonly folder: string;
  /**
   * Write `.NAME.part` and rename it when whole (true, the default), or write `NAME` at once (false) for a
   * server that takes a file when it is closed and offers no rename, such as another OpenVAN network's /outbox.
   */
  readonly rename: boolean;
}

/**
 * Reads an endpoint's settings: `{host, port?, username, privateKey? | password?, passphrase?,
 * hostKeyFingerprint, folder?, rename?}`. Missing or malformed settings cannot work on any attempt: a permanent PushError
 * naming the setting.
 */
export function parseSftpPushSettings(settings: Readonly<Record<string, unknown>>): SftpPushSettings {
  const text = (name: string): string | null => {
    const value = settings[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") throw refused(`settings.${name} must be a string`, name);
    return value;
  };
  const required = (name: string, what: string): string => {
    const value = text(name)?.trim() ?? "";
    if (value === "") throw refused(`settings.${name} is missing: ${what}`, name);
    return value;
  };
  const host = required("host", "the partner's SFTP server");
  const port = settings.port ?? 22;
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
    throw refused("settings.port must be a TCP port number (1-65535)", "port");
  }
  const username = required("username", "the login on the partner's server");
  const hostKeyFingerprint = required(
    "hostKeyFingerprint",
    "the SHA256 fingerprint of the partner's host key (ssh-keygen -lf KEY.pub), so that OpenVAN knows it talks to them",
  );
  if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(hostKeyFingerprint)) {
    throw refused(
      `settings.hostKeyFingerprint must look like SHA256: and 43 base64 characters`,
      "hostKeyFingerprint",
    );
  }
  const privateKey = text("privateKey");
  const password = text("password");
  if (privateKey === null && password === null) {
    throw refused("settings.privateKey or settings.password is needed to log in", "privateKey");
  }
  const rename = settings.rename ?? true;
  if (typeof rename !== "boolean") throw refused("settings.rename must be true or false", "rename");
  const folder = text("folder")?.trim() || ".";
  if (folder.split("/").includes("..")) throw refused("settings.folder must not contain ..", "folder");
  return {
    host,
    port: port as number,
    username,
    privateKey,
    passphrase: text("passphrase"),
    password,
    hostKeyFingerprint,
    folder: posix.normalize(folder),
    rename,
  };
}

function refused(message: string, setting: string): PushError {
  return new PushError(`the sftp endpoint's settings cannot work: ${message}`, true, { setting });
}
