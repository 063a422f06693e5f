/**
 * Records of the SFTP channel: an account's login (username and optional password hash), its SSH public keys,
 * and the network's own host key, kept in the database so that every node of a cluster presents the same one.
 */

/** An account's SFTP login. One per account; the username is unique on the network. */
export interface SftpLoginRecord {
  readonly accountId: string;
  readonly username: string;
  /** An argon2id hash (PHC string), or null when the login takes keys only. */
  readonly passwordHash: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An SSH public key that opens an account's SFTP login. */
export interface SshKeyRecord {
  readonly id: string;
  readonly accountId: string;
  /** The key type as SSH names it: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… */
  readonly algorithm: string;
  /** Bits of the key (RSA modulus, curve size; 256 for ed25519). */
  readonly bits: number;
  /** `SHA256:` and the unpadded base64 of the key blob's SHA-256, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** `TYPE BASE64`, as in an authorized_keys line without options or comment. */
  readonly publicKey: string;
  readonly comment: string;
  readonly createdAt: string;
}

/** The network's SSH host key. */
export interface SshHostKeyRecord {
  /** `ssh-ed25519`: one key per type. */
  readonly algorithm: string;
  /** The private key in OpenSSH format. */
  readonly privateKey: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly createdAt: string;
}

export interface SftpLoginRepository {
  /** Throws SFTP_USERNAME_TAKEN when another account has the username. */
  upsert(login: SftpLoginRecord): Promise<void>;
  getByAccount(accountId: string): Promise<SftpLoginRecord | null>;
  findByUsername(username: string): Promise<SftpLoginRecord | null>;
  /** Throws SSH_KEY_DUPLICATE when the account has this key already. */
  insertKey(key: SshKeyRecord): Promise<void>;
  listKeys(accountId: string): Promise<readonly SshKeyRecord[]>;
  /** False when the account has no key of this id. */
  deleteKey(accountId: string, id: string): Promise<boolean>;
  /** The stored host key of this type, or null. */
  storedHostKey(algorithm: string): Promise<SshHostKeyRecord | null>;
  /**
   * The host key of this type: the one stored, or `candidate` when none was (stored now). When nodes race,
   * all of them end with the first one stored.
   */
  hostKey(candidate: SshHostKeyRecord): Promise<SshHostKeyRecord>;
}
