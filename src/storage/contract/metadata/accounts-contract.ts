import { describe, expect, it } from "vitest";
import { isOpenVanError } from "../../../kernel/index.js";
import type { ApiKeyRecord, IdentityRecord, MetadataStore } from "../../ports/index.js";
import { at, insertAccount, orderedId } from "./metadata-fixtures.js";

function anIdentity(accountId: string, qualifier: string, value = orderedId("ID")): IdentityRecord {
  return { id: orderedId("idn_"), accountId, qualifier, value, createdAt: at(1) };
}

function anApiKey(accountId: string): ApiKeyRecord {
  return {
    id: orderedId("key_"),
    accountId,
    prefix: orderedId("ovk_"),
    secretHash: "hash",
    scope: "account",
    createdAt: at(2),
    revokedAt: null,
  };
}

export function accountsContract(store: () => MetadataStore): void {
  describe("accounts", () => {
    it("finds an account by id and by name, and lists it", async () => {
      const account = await insertAccount(store());
      expect(await store().accounts.get(account.id)).toEqual(account);
      expect(await store().accounts.findByName(account.name)).toEqual(account);
      expect(await store().accounts.list()).toContainEqual(account);
      expect(await store().accounts.get(orderedId("acc_"))).toBeNull();
      expect(await store().accounts.findByName("no such account")).toBeNull();
    });
  });

  describe("identities", () => {
    it("finds an identity by address, lists and deletes it", async () => {
      const account = await insertAccount(store());
      const first = anIdentity(account.id, "ZZ");
      const second = anIdentity(account.id, "");
      await store().identities.insert(first);
      await store().identities.insert(second);
      expect(await store().identities.findByAddress("ZZ", first.value)).toEqual(first);
      expect(await store().identities.findByAddress("", second.value)).toEqual(second);
      expect(await store().identities.findByAddress("01", first.value)).toBeNull();
      expect(await store().identities.listByAccount(account.id)).toEqual([first, second]);
      expect(await store().identities.delete(first.id)).toBe(true);
      expect(await store().identities.delete(first.id)).toBe(false);
      expect(await store().identities.listByAccount(account.id)).toEqual([second]);
    });

    it("refuses an address that another identity has, with IDENTITY_TAKEN", async () => {
      const owner = await insertAccount(store());
      const other = await insertAccount(store());
      const taken = anIdentity(owner.id, "ZZ");
      await store().identities.insert(taken);
      const error = await store()
        .identities.insert(anIdentity(other.id, "ZZ", taken.value))
        .catch((e: unknown) => e);
      expect(isOpenVanError(error) && error.code).toBe("IDENTITY_TAKEN");
      expect(await store().identities.findByAddress("ZZ", taken.value)).toEqual(taken);
      expect(await store().identities.listByAccount(other.id)).toEqual([]);
      // The same value under another qualifier is another address.
      await store().identities.insert(anIdentity(other.id, "01", taken.value));
    });

    it("keeps a transaction usable after refusing a taken address", async () => {
      const owner = await insertAccount(store());
      const taken = anIdentity(owner.id, "ZZ");
      await store().identities.insert(taken);
      const later = anIdentity(owner.id, "ZZ");
      await store().transaction(async (tx) => {
        await expect(tx.identities.insert(anIdentity(owner.id, "ZZ", taken.value))).rejects.toMatchObject({
          code: "IDENTITY_TAKEN",
        });
        await tx.identities.insert(later);
      });
      expect(await store().identities.findByAddress("ZZ", later.value)).toEqual(later);
    });
  });

  describe("API keys", () => {
    it("finds a key by prefix, lists and revokes it once", async () => {
      const account = await insertAccount(store());
      const key = anApiKey(account.id);
      const admin: ApiKeyRecord = { ...anApiKey(account.id), scope: "admin" };
      await store().apiKeys.insert(key);
      await store().apiKeys.insert(admin);
      expect(await store().apiKeys.findByPrefix(key.prefix)).toEqual(key);
      expect(await store().apiKeys.findByPrefix("ovk_none")).toBeNull();
      expect(await store().apiKeys.listByAccount(account.id)).toEqual([key, admin]);
      expect(await store().apiKeys.revoke(key.id, at(3))).toBe(true);
      expect(await store().apiKeys.revoke(key.id, at(4))).toBe(false);
      expect(await store().apiKeys.findByPrefix(key.prefix)).toEqual({ ...key, revokedAt: at(3) });
    });

    it("refuses a second key with the same prefix", async () => {
      const account = await insertAccount(store());
      const key = anApiKey(account.id);
      await store().apiKeys.insert(key);
      await expect(store().apiKeys.insert({ ...anApiKey(account.id), prefix: key.prefix })).rejects.toThrow();
    });
  });
}
