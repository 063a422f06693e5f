import { describe, expect, it } from "vitest";
import { isOpenVanError } from "../../../kernel/index.js";
import type { MetadataStore, SessionRecord, UserRecord } from "../../ports/index.js";
import { at, insertAccount, orderedId } from "./metadata-fixtures.js";

function aUser(accountId: string, fields: Partial<UserRecord> = {}): UserRecord {
  return {
    id: orderedId("usr_"),
    accountId,
    email: `${orderedId("u")}@example.com`,
    displayName: "Pat Doe",
    role: "member",
    scope: "account",
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    createdAt: at(1),
    passwordChangedAt: at(1),
    disabledAt: null,
    ...fields,
  };
}

function aSession(userId: string, fields: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: orderedId("ses_"),
    userId,
    prefix: orderedId("p"),
    secretHash: "c".repeat(64),
    createdAt: at(2),
    expiresAt: at(3600),
    ...fields,
  };
}

export function usersContract(store: () => MetadataStore): void {
  describe("users", () => {
    it("keeps every field, finds a user by id and e-mail address, lists an account's users", async () => {
      const account = await insertAccount(store());
      const other = await insertAccount(store());
      const first = aUser(account.id, { role: "admin" });
      const second = aUser(account.id, { scope: "admin" });
      await store().users.insert(first);
      await store().users.insert(second);
      await store().users.insert(aUser(other.id));
      expect(await store().users.get(first.id)).toEqual(first);
      expect(await store().users.findByEmail(second.email)).toEqual(second);
      expect(await store().users.findByEmail("nobody@example.com")).toBeNull();
      expect(await store().users.get(orderedId("usr_"))).toBeNull();
      expect(await store().users.listByAccount(account.id)).toEqual([first, second]);
    });

    it("refuses a second user with the same e-mail address, even inside a transaction", async () => {
      const account = await insertAccount(store());
      const taken = aUser(account.id);
      await store().users.insert(taken);
      const error = await store()
        .transaction(async (tx) => {
          await tx.users.insert(aUser(account.id, { email: taken.email }));
        })
        .catch((e: unknown) => e);
      expect(isOpenVanError(error) && error.code).toBe("USER_EMAIL_TAKEN");
      expect(await store().users.listByAccount(account.id)).toEqual([taken]);
    });

    it("disables, enables and sets a new password", async () => {
      const account = await insertAccount(store());
      const user = aUser(account.id);
      await store().users.insert(user);
      expect(await store().users.setDisabled(user.id, at(5))).toBe(true);
      expect((await store().users.get(user.id))?.disabledAt).toBe(at(5));
      expect(await store().users.setDisabled(user.id, null)).toBe(true);
      expect((await store().users.get(user.id))?.disabledAt).toBeNull();
      expect(await store().users.setPassword(user.id, "$argon2id$new", at(6))).toBe(true);
      expect(await store().users.get(user.id)).toMatchObject({
        passwordHash: "$argon2id$new",
        passwordChangedAt: at(6),
      });
      expect(await store().users.setDisabled(orderedId("usr_"), at(7))).toBe(false);
      expect(await store().users.setPassword(orderedId("usr_"), "x", at(7))).toBe(false);
    });
  });

  describe("sessions", () => {
    it("finds a session with its user by prefix, and deletes it", async () => {
      const account = await insertAccount(store());
      const user = aUser(account.id);
      await store().users.insert(user);
      const session = aSession(user.id);
      await store().sessions.insert(session);
      expect(await store().sessions.findByPrefix(session.prefix)).toEqual({ session, user });
      expect(await store().sessions.findByPrefix("no-such-prefix")).toBeNull();
      expect(await store().sessions.delete(session.id)).toBe(true);
      expect(await store().sessions.delete(session.id)).toBe(false);
      expect(await store().sessions.findByPrefix(session.prefix)).toBeNull();
    });

    it("ends every session of a user, and the expired sessions of everyone", async () => {
      const account = await insertAccount(store());
      const user = aUser(account.id);
      const other = aUser(account.id);
      await store().users.insert(user);
      await store().users.insert(other);
      const mine = [aSession(user.id), aSession(user.id)];
      for (const s of mine) await store().sessions.insert(s);
      const expired = aSession(other.id, { expiresAt: at(-10) });
      const live = aSession(other.id, { expiresAt: at(1_000_000) });
      await store().sessions.insert(expired);
      await store().sessions.insert(live);
      expect(await store().sessions.deleteByUser(user.id)).toBe(2);
      expect(await store().sessions.findByPrefix(mine[0]?.prefix ?? "")).toBeNull();
      expect(await store().sessions.deleteExpired(at(0))).toBeGreaterThanOrEqual(1);
      expect(await store().sessions.findByPrefix(expired.prefix)).toBeNull();
      expect((await store().sessions.findByPrefix(live.prefix))?.session).toEqual(live);
    });
  });
}
