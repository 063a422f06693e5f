import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { newId, OpenVanError } from "../../kernel/index.js";
import type { SessionRecord, UserRecord } from "../../storage/ports/index.js";
import type { SessionPrincipal } from "../accounts/principal.js";
import type { NetworkContext } from "../network-context.js";
import type { LoginThrottle } from "./login-throttle.js";
import { verifyPassword } from "./password-hash.js";
import { normalizeEmail } from "./user-input.js";

/** How long a session lasts from login; it does not slide. */
export const defaultSessionTtlMs = 12 * 3600_000;

export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  /** Where the attempt comes from (the client's address): failures are counted per e-mail address and client. */
  readonly client: string;
}

export interface IssuedSession {
  /** The whole token, `ovs_<prefix>_<secret>`, given to the client once; only a hash of the secret is kept. */
  readonly token: string;
  readonly session: SessionRecord;
  readonly user: UserRecord;
}

const tokenPattern = /^ovs_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Whether a presented credential is a session token rather than an API key. */
export function isSessionToken(presented: string): boolean {
  return presented.startsWith("ovs_");
}

/**
 * Checks an e-mail address and password and opens a session. Every failure — unknown address, wrong password,
 * disabled user — is the same LOGIN_FAILED after the same work, so that the answer does not tell which
 * addresses exist. Too many failures for the address from one client give LOGIN_THROTTLED without checking.
 */
export async function login(
  ctx: NetworkContext,
  throttle: LoginThrottle,
  attempt: LoginAttempt,
  ttlMs = defaultSessionTtlMs,
): Promise<IssuedSession> {
  const failed = (): OpenVanError =>
    new OpenVanError("LOGIN_FAILED", "the e-mail address or the password is not right");
  let email: string;
  try {
    email = normalizeEmail(attempt.email);
  } catch {
    throw failed();
  }
  const key = `${email}\n${attempt.client}`;
  const now = ctx.clock.now();
  const wait = throttle.retryAfterMs(key, now.getTime());
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait / 1000);
    throw new OpenVanError(
      "LOGIN_THROTTLED",
      `too many failed logins for this e-mail address; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
  const user = await ctx.store.users.findByEmail(email);
  const matches = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (user === null || !matches || user.disabledAt !== null) {
    throttle.failed(key, now.getTime());
    throw failed();
  }
  throttle.succeeded(key);
  const prefix = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const session: SessionRecord = {
    id: newId("ses_", now.getTime()),
    userId: user.id,
    prefix,
    secretHash: hashSecret(secret),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    // Expired sessions are cleared here, now and then, rather than by a job of their own.
    await tx.sessions.deleteExpired(session.createdAt);
    await tx.sessions.insert(session);
  });
  return { token: `ovs_${prefix}_${secret}`, session, user };
}

/**
 * The principal of a presented session token, or null when it is malformed, unknown, expired or its user is
 * disabled. Session tokens are 256-bit random secrets, so a fast hash suffices; it is compared in constant time.
 */
export async function authenticateSession(
  ctx: NetworkContext,
  presented: string,
): Promise<SessionPrincipal | null> {
  const found = await findSession(ctx, presented);
  if (found === null) return null;
  const { session, user } = found;
  if (session.expiresAt <= ctx.clock.now().toISOString() || user.disabledAt !== null) return null;
  return {
    kind: "session",
    accountId: user.accountId,
    scope: user.scope,
    sessionId: session.id,
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    expiresAt: session.expiresAt,
  };
}

/** Ends the session of a presented token (logout); false when there was none to end. */
export async function endSession(ctx: NetworkContext, presented: string): Promise<boolean> {
  const found = await findSession(ctx, presented);
  return found === null ? false : ctx.store.sessions.delete(found.session.id);
}

async function findSession(ctx: NetworkContext, presented: string) {
  const match = tokenPattern.exec(presented.trim());
  if (match === null) return null;
  const found = await ctx.store.sessions.findByPrefix(match[1] as string);
  if (found === null) return null;
  const expected = Buffer.from(found.session.secretHash, "hex");
  const actual = Buffer.from(hashSecret(match[2] as string), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return found;
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
