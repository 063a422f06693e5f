import type {
  AccountRecord,
  InterconnectRecord,
  PushEndpointRecord,
  WebhookCallRecord,
  WebhookRecord,
} from "../../../storage/ports/index.js";

const notificationTypeSchema = {
  type: "string",
  enum: ["mailbox.item", "delivery.failed", "ack.overdue", "certificate.expiring"],
} as const;

export const notificationTypesSchema = {
  type: "array",
  minItems: 1,
  maxItems: 4,
  items: notificationTypeSchema,
} as const;

export const pushEndpointSchema = {
  type: "object",
  required: ["id", "accountId", "kind", "settings", "active", "createdAt"],
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    kind: { type: "string", enum: ["as2", "sftp"] },
    settings: {
      type: "object",
      additionalProperties: true,
      description:
        'What the transport needs; passwords, passphrases, secrets and private keys show as "***".',
    },
    active: {
      type: "boolean",
      description: "Deliveries to the account are pushed here (one active per account).",
    },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

const hidden = /password|passphrase|secret|private/i;

/** Settings as the API shows them: credentials never leave the server again. */
function redact(value: unknown, key = ""): unknown {
  if (hidden.test(key) && value !== null && value !== undefined) return "***";
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  return value;
}

export function pushEndpointView(endpoint: PushEndpointRecord): Record<string, unknown> {
  return {
    id: endpoint.id,
    accountId: endpoint.accountId,
    kind: endpoint.kind,
    settings: redact(endpoint.settings),
    active: endpoint.active,
    createdAt: endpoint.createdAt,
  };
}

export const webhookSchema = {
  type: "object",
  required: ["id", "accountId", "url", "events", "active", "createdAt"],
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    url: { type: "string" },
    events: { type: "array", items: notificationTypeSchema },
    active: { type: "boolean" },
    createdAt: { type: "string", format: "date-time" },
    secret: {
      type: "string",
      description: "The HMAC-SHA256 key of X-OpenVAN-Signature; shown only once, when the webhook is made.",
    },
  },
} as const;

export function webhookView(webhook: WebhookRecord, withSecret = false): Record<string, unknown> {
  return {
    id: webhook.id,
    accountId: webhook.accountId,
    url: webhook.url,
    events: webhook.events,
    active: webhook.active,
    createdAt: webhook.createdAt,
    ...(withSecret ? { secret: webhook.secret } : {}),
  };
}

export const webhookCallSchema = {
  type: "object",
  required: ["id", "webhookId", "notificationId", "type", "state", "attempts", "createdAt", "updatedAt"],
  properties: {
    id: { type: "string", description: "Also sent as X-OpenVAN-Delivery." },
    webhookId: { type: "string" },
    notificationId: { type: "string", description: "The notification's id (the `id` of the body)." },
    type: notificationTypeSchema,
    state: { type: "string", enum: ["pending", "delivered", "failed"] },
    attempts: { type: "integer" },
    lastStatus: {
      type: ["integer", "null"],
      description: "HTTP status of the last attempt; null: no answer.",
    },
    lastError: { type: ["string", "null"] },
    body: { type: "string", description: "The exact JSON body POSTed." },
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
} as const;

export function webhookCallView(call: WebhookCallRecord): Record<string, unknown> {
  return {
    id: call.id,
    webhookId: call.webhookId,
    notificationId: call.notificationId,
    type: call.type,
    state: call.state,
    attempts: call.attempts,
    lastStatus: call.lastStatus,
    lastError: call.lastError,
    body: call.body,
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
  };
}

export const interconnectSchema = {
  type: "object",
  required: ["accountId", "name", "kind", "network", "createdAt"],
  properties: {
    accountId: { type: "string" },
    name: { type: "string" },
    kind: { type: "string", enum: ["interconnect"] },
    network: { type: "string", description: "The other network." },
    identities: { type: "array", items: { type: "string" } },
    endpoint: pushEndpointSchema,
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

export function interconnectView(
  account: AccountRecord,
  interconnect: InterconnectRecord,
  extra: { identities?: readonly string[]; endpoint?: PushEndpointRecord | null } = {},
): Record<string, unknown> {
  return {
    accountId: account.id,
    name: account.name,
    kind: "interconnect",
    network: interconnect.network,
    createdAt: interconnect.createdAt,
    ...(extra.identities === undefined ? {} : { identities: extra.identities }),
    ...(extra.endpoint === undefined || extra.endpoint === null
      ? {}
      : { endpoint: pushEndpointView(extra.endpoint) }),
  };
}
