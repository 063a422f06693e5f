import { describe, expect, it } from "vitest";
import { useTradingPairNetwork } from "../../../test/support/temp-network.js";
import { issueApiKey, type KeyPrincipal, type SessionPrincipal } from "../../network/index.js";
import { buildApp } from "./app.js";
import { CredentialCache } from "./credential-cache.js";

const key: KeyPrincipal = { kind: "key", accountId: "acc_1", scope: "account", keyId: "key_1" };
const session = (userId: string, expiresAt: string): SessionPrincipal => ({
  kind: "session",
  accountId: "acc_1",
  scope: "account",
  sessionId: `ses_${userId}`,
  userId,
  email: `${userId}@example.com`,
  displayName: userId,
  role: "member",
  expiresAt,
});

describe("CredentialCache", () => {
  it("trusts a credential for ttlMs, and a session never past its expiry", () => {
    const cache = new CredentialCache({ ttlMs: 5_000, maxEntries: 10 });
    cache.set("k", key, 1_000);
    expect(cache.get("k", 5_999)).toEqual(key);
    expect(cache.get("k", 6_000)).toBeNull();
    const ending = session("u1", new Date(3_000).toISOString());
    cache.set("s", ending, 1_000);
    expect(cache.get("s", 2_999)).toEqual(ending);
    expect(cache.get("s", 3_000)).toBeNull();
  });

  it("forgets a credential, every session of a user, and the oldest entries past maxEntries", () => {
    const cache = new CredentialCache({ ttlMs: 5_000, maxEntries: 3 });
    const later = new Date(1e13).toISOString();
    cache.set("a", session("u1", later), 0);
    cache.set("b", session("u1", later), 0);
    cache.set("c", session("u2", later), 0);
    cache.forgetUser("u1");
    expect([cache.get("a", 1), cache.get("b", 1), cache.get("c", 1)?.kind]).toEqual([null, null, "session"]);
    cache.set("d", key, 0);
    cache.set("e", key, 0);
    cache.set("f", key, 0);
    expect(cache.get("c", 1)).toBeNull();
    cache.forget("f");
    expect(cache.get("f", 1)).toBeNull();
    expect(cache.get("e", 1)).toEqual(key);
  });

  it("keeps nothing with a ttl of 0", () => {
    const cache = new CredentialCache({ ttlMs: 0, maxEntries: 3 });
    cache.set("k", key, 0);
    expect(cache.get("k", 0)).toBeNull();
  });
});

describe("a revoked API key behind the credential cache", () => {
  const pair = useTradingPairNetwork();

  it("stops working once the cache's time is up", async () => {
    const app = buildApp({ ctx: pair.net.ctx, credentialCache: { ttlMs: 5_000, maxEntries: 100 } });
    try {
      const issued = await issueApiKey(pair.net.ctx, pair.acme, "account");
      const mailbox = () =>
        app.inject({ url: "/api/v1/mailbox", headers: { authorization: `Bearer ${issued.key}` } });
      expect((await mailbox()).statusCode).toBe(200);
      await pair.net.ctx.store.apiKeys.revoke(issued.record.id, pair.net.clock.now().toISOString());
      pair.net.clock.advance(4_000);
      expect((await mailbox()).statusCode).toBe(200);
      pair.net.clock.advance(1_000);
      expect((await mailbox()).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
