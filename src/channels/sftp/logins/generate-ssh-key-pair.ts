import ssh2 from "ssh2";

/** An ed25519 key pair in OpenSSH's formats: the private key file's text and the `TYPE BASE64 COMMENT` line. */
export interface SshKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/**
 * A new ed25519 key pair. ssh2's generator writes about one key in two hundred in a form its own parser then
 * refuses ("Malformed OpenSSH private key", measured: 10 of 2,000); such a key is made again, since a host
 * key is kept for good and a bad one would stop the server from ever starting.
 */
export function generateSshKeyPair(comment: string): SshKeyPair {
  for (let attempt = 0; ; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", { comment });
    const parsed = ssh2.utils.parseKey(pair.private);
    if (!(parsed instanceof Error) && !Array.isArray(parsed)) {
      return { privateKey: pair.private, publicKey: pair.public.trim() };
    }
    if (attempt >= 20) throw parsed instanceof Error ? parsed : new Error("could not make an SSH key pair");
  }
}
