import type { ApiKeyScope } from "./records.js";

/** Within its account: `admin` manages the account, `member` uses it. */
export type UserRole = "admin" | "member";

/**
 * A person who signs in with an e-mail address and a password. `scope` is the same as an API key's: `admin`
 * for the operators of the network, `account` for everyone else.
 */
export interface UserRecord {
  readonly id: string;
  readonly accountId: string;
  /** Lower case, trimmed; unique over the whole network. */
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly scope: ApiKeyScope;
  /** An argon2id PHC string; never leaves the network core. */
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly passwordChangedAt: string;
  readonly disabledAt: string | null;
}

/** A signed-in user: the token's public prefix finds it, the secret's hash proves it. */
export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A session with the user it belongs to, read in one statement when a request is authenticated. */
export interface SessionWithUser {
  readonly session: SessionRecord;
  readonly user: UserRecord;
}

export interface UserRepository {
  /** Throws USER_EMAIL_TAKEN when another user has the e-mail address. */
  insert(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  listByAccount(accountId: string): Promise<readonly UserRecord[]>;
  /** Sets (or clears, with null) the time the user was disabled; false when there is no such user. */
  setDisabled(id: string, at: string | null): Promise<boolean>;
  setPassword(id: string, passwordHash: string, at: string): Promise<boolean>;
}

export interface SessionRepository {
  insert(session: SessionRecord): Promise<void>;
  /** The session of this prefix with its user, or null; expiry is the caller's to check. */
  findByPrefix(prefix: string): Promise<SessionWithUser | null>;
  delete(id: string): Promise<boolean>;
  /** Ends every session of the user (disabled, password reset); how many there were. */
  deleteByUser(userId: string): Promise<number>;
  /** Removes the sessions that expired at or before `now`; how many. */
  deleteExpired(now: string): Promise<number>;
}
