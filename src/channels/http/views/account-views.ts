import { formatIdentityAddress, type IssuedApiKey } from "../../../network/index.js";
import type { AccountRecord, ApiKeyRecord, IdentityRecord } from "../../../storage/ports/index.js";

export const accountSchema = {
  type: "object",
  required: ["id", "name", "createdAt"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

export const identitySchema = {
  type: "object",
  required: ["id", "accountId", "identity", "qualifier", "value", "createdAt"],
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    identity: { type: "string", description: "QUAL:ID, e.g. ZZ:ACMEFOODS or 14:5412345000013." },
    qualifier: { type: "string" },
    value: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

export const apiKeySchema = {
  type: "object",
  required: ["id", "accountId", "prefix", "scope", "createdAt"],
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    prefix: { type: "string", description: "Recognises the key; the key itself starts `ov_<prefix>_`." },
    scope: { type: "string", enum: ["account", "admin"] },
    createdAt: { type: "string", format: "date-time" },
    revokedAt: { type: ["string", "null"], format: "date-time" },
    key: { type: "string", description: "The whole key; shown only once, when it is issued." },
  },
} as const;

export function accountView(account: AccountRecord): Record<string, unknown> {
  return { id: account.id, name: account.name, createdAt: account.createdAt };
}

export function identityView(identity: IdentityRecord): Record<string, unknown> {
  return {
    id: identity.id,
    accountId: identity.accountId,
    identity: formatIdentityAddress(identity),
    qualifier: identity.qualifier,
    value: identity.value,
    createdAt: identity.createdAt,
  };
}

export function apiKeyView(record: ApiKeyRecord, issued?: IssuedApiKey): Record<string, unknown> {
  const view = {
    id: record.id,
    accountId: record.accountId,
    prefix: record.prefix,
    scope: record.scope,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
  return issued === undefined ? view : { ...view, key: issued.key };
}

/** A list answer with no further pages. */
export function listSchema(item: unknown): unknown {
  return { type: "object", required: ["items"], properties: { items: { type: "array", items: item } } };
}
