import { describe, expect, it } from "vitest";
import { useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { isOpenVanError } from "../../kernel/index.js";
import { createUser } from "./create-user.js";
import { LoginThrottle } from "./login-throttle.js";
import { resetPassword, setUserDisabled } from "./manage-users.js";
import { authenticateSession, endSession, login } from "./sessions.js";

const pair = useTradingPairNetwork();
const password = "correct horse battery";

/** "ok", or the code of the OpenVanError the promise failed with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return isOpenVanError(error) ? error.code : String(error);
  }
}

async function aUser(email = "Pat@Acme.example") {
  return createUser(pair.net.ctx, {
    accountId: pair.acme,
    email,
    displayName: "Pat",
    password,
    role: "admin",
  });
}

describe("users and sessions", () => {
  it("keeps the password only as an argon2id hash and finds the user by a normalised address", async () => {
    const user = await aUser();
    expect(user.email).toBe("pat@acme.example");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(password);
    expect(await pair.net.ctx.store.users.findByEmail("pat@acme.example")).toEqual(user);
    expect(await codeOf(aUser("PAT@acme.example "))).toBe("USER_EMAIL_TAKEN");
    const badInput = { accountId: pair.acme, displayName: "X", password, email: "x@y" };
    expect(await codeOf(createUser(pair.net.ctx, { ...badInput, email: "not an address" }))).toBe(
      "REQUEST_INVALID",
    );
    expect(await codeOf(createUser(pair.net.ctx, { ...badInput, password: "short" }))).toBe(
      "REQUEST_INVALID",
    );
    expect(await codeOf(createUser(pair.net.ctx, { ...badInput, accountId: "acc_none" }))).toBe("NOT_FOUND");
  });

  it("opens a session for the right password; the token authenticates until it expires or ends", async () => {
    const user = await aUser();
    const throttle = new LoginThrottle();
    const issued = await login(pair.net.ctx, throttle, {
      email: " PAT@acme.example",
      password,
      client: "ip",
    });
    expect(issued.token).toMatch(/^ovs_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const stored = await pair.net.ctx.store.sessions.findByPrefix(issued.session.prefix);
    // The secret is base64url and may itself hold "_": it is all that follows the prefix.
    const secret = issued.token.slice(`ovs_${issued.session.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(stored?.session.secretHash).not.toContain(secret);
    expect(await authenticateSession(pair.net.ctx, issued.token)).toMatchObject({
      kind: "session",
      accountId: pair.acme,
      scope: "account",
      userId: user.id,
      role: "admin",
    });
    // A token with a changed secret, or no token at all, is nobody.
    expect(await authenticateSession(pair.net.ctx, `${issued.token.slice(0, -1)}A`)).toBeNull();
    expect(await authenticateSession(pair.net.ctx, "ovs_nonsense")).toBeNull();

    pair.net.clock.advance(12 * 3600_000);
    expect(await authenticateSession(pair.net.ctx, issued.token)).toBeNull();

    const again = await login(pair.net.ctx, throttle, { email: user.email, password, client: "ip" });
    // Logging in again cleared the expired session.
    expect(await pair.net.ctx.store.sessions.findByPrefix(issued.session.prefix)).toBeNull();
    expect(await endSession(pair.net.ctx, again.token)).toBe(true);
    expect(await endSession(pair.net.ctx, again.token)).toBe(false);
    expect(await authenticateSession(pair.net.ctx, again.token)).toBeNull();
  });

  it("refuses unknown address, wrong password and disabled user alike, and throttles repeated failures", async () => {
    const user = await aUser();
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, maxKeys: 100 });
    const attempt = (email: string, pw: string, client = "10.0.0.1") =>
      codeOf(login(pair.net.ctx, throttle, { email, password: pw, client }));
    expect(await attempt("nobody@acme.example", password)).toBe("LOGIN_FAILED");
    expect(await attempt(user.email, "wrong password")).toBe("LOGIN_FAILED");
    expect(await attempt(user.email, "wrong again!")).toBe("LOGIN_FAILED");
    expect(await attempt(user.email, "and again!!")).toBe("LOGIN_FAILED");
    // Three failures for this address from this client: even the right password waits now.
    expect(await attempt(user.email, password)).toBe("LOGIN_THROTTLED");
    // Another client is counted apart.
    expect(await attempt(user.email, password, "10.0.0.2")).toBe("ok");
    pair.net.clock.advance(60_001);
    expect(await attempt(user.email, password)).toBe("ok");

    await setUserDisabled(pair.net.ctx, user.id, true);
    expect(await attempt(user.email, password, "10.0.0.3")).toBe("LOGIN_FAILED");
    await setUserDisabled(pair.net.ctx, user.id, false);
    expect(await attempt(user.email, password, "10.0.0.3")).toBe("ok");
  });

  it("ends every session when a user is disabled or gets a new password", async () => {
    const user = await aUser();
    const throttle = new LoginThrottle();
    const open = () => login(pair.net.ctx, throttle, { email: user.email, password, client: "ip" });
    const first = await open();
    const disabled = await setUserDisabled(pair.net.ctx, user.id, true);
    expect(disabled.disabledAt).not.toBeNull();
    expect(await authenticateSession(pair.net.ctx, first.token)).toBeNull();
    await setUserDisabled(pair.net.ctx, user.id, false);

    const second = await open();
    await resetPassword(pair.net.ctx, user.id, "a brand new password");
    expect(await authenticateSession(pair.net.ctx, second.token)).toBeNull();
    expect(await codeOf(open())).toBe("LOGIN_FAILED");
    await login(pair.net.ctx, throttle, {
      email: user.email,
      password: "a brand new password",
      client: "ip",
    });
    expect(await codeOf(resetPassword(pair.net.ctx, "usr_none", "long enough password"))).toBe("NOT_FOUND");
    expect(await codeOf(setUserDisabled(pair.net.ctx, "usr_none", true))).toBe("NOT_FOUND");
  });
});
