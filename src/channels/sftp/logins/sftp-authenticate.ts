import { hash, verify } from "@node-rs/argon2";
import ssh2 from "ssh2";
import type { NetworkContext } from "../../../network/index.js";

/** A login attempt as the SSH server sees it. */
export type SftpCredential =
  | { readonly method: "password"; readonly password: string }
  | {
      readonly method: "publickey";
      /** The key blob (RFC 4253 6.6); its first field names the key type. */
      readonly blob: Buffer;
      /** Absent when the client only asks whether the key would do (it signs only after a yes). */
      readonly signature?: { readonly data: Buffer; readonly signature: Buffer; readonly hashAlgo?: string };
    };

/** A hash of a password nobody has, checked for unknown usernames so that they take as long as known ones. */
let decoyHash: Promise<string> | null = null;

/**
 * The account a username and credential open, or null. Unknown usernames, keys the account does not have,
 * bad signatures and wrong passwords all give null: the client learns nothing about which it was.
 */
export async function authenticateSftp(
  ctx: NetworkContext,
  username: string,
  credential: SftpCredential,
): Promise<string | null> {
  const login = await ctx.store.sftpLogins.findByUsername(username);
  if (credential.method === "password") {
    if (login?.passwordHash == null) {
      decoyHash ??= hash(`decoy-${Math.random()}`);
      await verify(await decoyHash, credential.password).catch(() => false);
      return null;
    }
    return (await verify(login.passwordHash, credential.password).catch(() => false))
      ? login.accountId
      : null;
  }
  if (login === null) return null;
  const keys = await ctx.store.sftpLogins.listKeys(login.accountId);
  // By the blob, not the algorithm name: an RSA key signs as rsa-sha2-256/512 but is stored as ssh-rsa.
  const presented = credential.blob.toString("base64");
  const match = keys.find((key) => key.publicKey.split(" ")[1] === presented);
  if (match === undefined) return null;
  if (credential.signature === undefined) return login.accountId;
  const parsed = ssh2.utils.parseKey(match.publicKey);
  if (parsed instanceof Error || Array.isArray(parsed)) return null;
  const { data, signature, hashAlgo } = credential.signature;
  return parsed.verify(data, signature, hashAlgo) === true ? login.accountId : null;
}
