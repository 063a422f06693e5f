import type { NetworkContext } from "../../../network/index.js";
import type { SshHostKeyRecord } from "../../../storage/ports/index.js";
import { generateSshKeyPair } from "./generate-ssh-key-pair.js";
import { sshFingerprint } from "./ssh-public-key.js";

/**
 * The network's ed25519 host key: made on the first start and kept in the database, so that a client's
 * known_hosts stays right across restarts and every node of a cluster presents the same key.
 */
export async function loadSftpHostKey(ctx: NetworkContext): Promise<SshHostKeyRecord> {
  const stored = await ctx.store.sftpLogins.storedHostKey("ssh-ed25519");
  if (stored !== null) return stored;
  const pair = generateSshKeyPair("openvan host key");
  const publicKey = pair.publicKey.split(/\s+/).slice(0, 2).join(" ");
  return ctx.store.sftpLogins.hostKey({
    algorithm: "ssh-ed25519",
    privateKey: pair.privateKey,
    publicKey,
    fingerprint: sshFingerprint(Buffer.from(publicKey.split(" ")[1] ?? "", "base64")),
    createdAt: ctx.clock.now().toISOString(),
  });
}
