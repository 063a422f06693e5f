import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { newId } from "../../kernel/index.js";
import type { ApiKeyRecord, ApiKeyScope } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { accountOrNotFound } from "./account-or-not-found.js";
import type { KeyPrincipal } from "./principal.js";

export type { Principal } from "./principal.js";

export interface IssuedApiKey {
  readonly record: ApiKeyRecord;
  /** The whole key, shown once: `ov_<prefix>_<secret>`. Only a hash of the secret is stored. */
  readonly key: string;
}

/**
 * API keys are 256-bit random secrets, so a fast hash (SHA-256) is enough to store them: there is nothing to
 * guess. The prefix finds the record; the secret's hash is compared in constant time.
 */
export async function issueApiKey(
  ctx: NetworkContext,
  accountId: string,
  scope: ApiKeyScope,
): Promise<IssuedApiKey> {
  const issued = newApiKey(ctx, accountId, scope);
  await ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, accountId);
    await tx.apiKeys.insert(issued.record);
  });
  return issued;
}

/** A fresh key and the record to store for it; the caller stores it in the transaction of its choice. */
export function newApiKey(ctx: NetworkContext, accountId: string, scope: ApiKeyScope): IssuedApiKey {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const record: ApiKeyRecord = {
    id: newId("key_"),
    accountId,
    prefix,
    secretHash: hashSecret(secret),
    scope,
    createdAt: ctx.clock.now().toISOString(),
    revokedAt: null,
  };
  return { record, key: `ov_${prefix}_${secret}` };
}

/** The principal of a presented key, or null when the key is malformed, unknown or revoked. */
export async function authenticateApiKey(
  ctx: NetworkContext,
  presented: string,
): Promise<KeyPrincipal | null> {
  const match = /^ov_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented.trim());
  if (match === null) return null;
  const record = await ctx.store.apiKeys.findByPrefix(match[1] as string);
  if (record === null || record.revokedAt !== null) return null;
  const expected = Buffer.from(record.secretHash, "hex");
  const actual = Buffer.from(hashSecret(match[2] as string), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { kind: "key", accountId: record.accountId, scope: record.scope, keyId: record.id };
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
