import { newId, OpenVanError } from "../../kernel/index.js";
import type { MetadataRepositories, PushEndpointRecord } from "../../storage/ports/index.js";
import { accountOrNotFound } from "../accounts/account-or-not-found.js";
import type { NetworkContext } from "../network-context.js";
import { checkOutboundHost, checkOutboundUrl } from "../outbound/check-outbound-target.js";
import { recordEvent } from "../record-event.js";
import { forgetRecipientOutbound } from "./recipient-outbound.js";
import type { PushKind } from "./transport.js";

export const pushKinds: readonly PushKind[] = ["as2", "sftp"];

export interface PushEndpointInput {
  readonly kind: string;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Default true: the new endpoint takes over from the account's active one. */
  readonly active?: boolean;
}

/**
 * Checks what every transport of the kind needs at least (where to connect); each transport checks the rest
 * of its settings when it pushes, and refuses unusable ones as a permanent failure.
 */
export function checkEndpointSettings(kind: string, settings: unknown): asserts kind is PushKind {
  const invalid = (message: string, field: string): never => {
    throw new OpenVanError("PUSH_ENDPOINT_INVALID", message, { field });
  };
  if (!(pushKinds as readonly string[]).includes(kind))
    invalid(`a push endpoint's kind is as2 or sftp, not ${JSON.stringify(kind)}`, "kind");
  if (typeof settings !== "object" || settings === null || Array.isArray(settings))
    invalid("a push endpoint's settings are a JSON object", "settings");
  const s = settings as Record<string, unknown>;
  if (kind === "as2") {
    // The URL may come from the account's AS2 profile instead; when given here, it must be one.
    if (s.url !== undefined) {
      const url = typeof s.url === "string" && URL.canParse(s.url) ? new URL(s.url) : null;
      if (url === null || (url.protocol !== "https:" && url.protocol !== "http:"))
        invalid("settings.url of an as2 endpoint is the partner's http(s) AS2 URL", "settings.url");
    }
    if (s.as2Id !== undefined && (typeof s.as2Id !== "string" || s.as2Id.trim() === ""))
      invalid("settings.as2Id of an as2 endpoint names one of the account's AS2 profiles", "settings.as2Id");
  } else {
    if (typeof s.host !== "string" || s.host.trim() === "")
      invalid("an sftp endpoint needs settings.host, the partner's SFTP server", "settings.host");
    if (
      s.port !== undefined &&
      !(Number.isInteger(s.port) && (s.port as number) > 0 && (s.port as number) < 65536)
    )
      invalid("settings.port is a TCP port number (1-65535)", "settings.port");
  }
}

/**
 * Refuses, when the endpoint is registered, a URL or SFTP host that is an address the network does not
 * connect to (an IP literal the outbound guard refuses, or localhost); host names are checked at each push.
 */
function checkEndpointTarget(
  ctx: NetworkContext,
  kind: PushKind,
  settings: Readonly<Record<string, unknown>>,
): void {
  const allow = ctx.settings.outboundAllow;
  if (kind === "as2" && typeof settings.url === "string")
    checkOutboundUrl(allow, settings.url, "settings.url");
  if (kind === "sftp" && typeof settings.host === "string")
    checkOutboundHost(allow, settings.host, "settings.host");
}

/** Adds a push endpoint to an account, in its own transaction. */
export async function createPushEndpoint(
  ctx: NetworkContext,
  accountId: string,
  input: PushEndpointInput,
): Promise<PushEndpointRecord> {
  const endpoint = await ctx.store.transaction((tx) => insertPushEndpoint(ctx, tx, accountId, input));
  forgetRecipientOutbound(ctx, accountId);
  return endpoint;
}

/** Adds a push endpoint in the caller's transaction (an interconnect is made with its endpoint). */
export async function insertPushEndpoint(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  accountId: string,
  input: PushEndpointInput,
): Promise<PushEndpointRecord> {
  checkEndpointSettings(input.kind, input.settings);
  checkEndpointTarget(ctx, input.kind, input.settings);
  await accountOrNotFound(tx, accountId);
  const endpoint: PushEndpointRecord = {
    id: newId("pep_"),
    accountId,
    kind: input.kind,
    settings: input.settings,
    active: input.active ?? true,
    createdAt: ctx.clock.now().toISOString(),
  };
  await tx.pushEndpoints.insert(endpoint);
  await recordEvent(
    tx,
    "push_endpoint.added",
    endpoint.createdAt,
    { accountId },
    {
      endpointId: endpoint.id,
      kind: endpoint.kind,
      active: endpoint.active,
    },
  );
  return endpoint;
}

export function listPushEndpoints(
  ctx: NetworkContext,
  accountId: string,
): Promise<readonly PushEndpointRecord[]> {
  return ctx.store.pushEndpoints.listByAccount(accountId);
}

/** An endpoint of the account; NOT_FOUND for another account's. */
export async function getPushEndpoint(
  ctx: NetworkContext,
  accountId: string,
  id: string,
): Promise<PushEndpointRecord> {
  const endpoint = await ctx.store.pushEndpoints.get(id);
  if (endpoint === null || endpoint.accountId !== accountId)
    throw new OpenVanError("NOT_FOUND", `no push endpoint ${id} for account ${accountId}`);
  return endpoint;
}

/** Changes an endpoint's settings and/or whether it is the account's active one. */
export async function updatePushEndpoint(
  ctx: NetworkContext,
  accountId: string,
  id: string,
  change: { readonly settings?: Readonly<Record<string, unknown>>; readonly active?: boolean },
): Promise<PushEndpointRecord> {
  const updated = await ctx.store.transaction(async (tx) => {
    const endpoint = await tx.pushEndpoints.get(id);
    if (endpoint === null || endpoint.accountId !== accountId)
      throw new OpenVanError("NOT_FOUND", `no push endpoint ${id} for account ${accountId}`);
    if (change.settings !== undefined) {
      checkEndpointSettings(endpoint.kind, change.settings);
      checkEndpointTarget(ctx, endpoint.kind, change.settings);
      await tx.pushEndpoints.updateSettings(id, change.settings);
    }
    if (change.active !== undefined) await tx.pushEndpoints.setActive(id, change.active);
    await recordEvent(
      tx,
      "push_endpoint.changed",
      ctx.clock.now().toISOString(),
      { accountId },
      {
        endpointId: id,
        ...(change.active === undefined ? {} : { active: change.active }),
        settingsChanged: change.settings !== undefined,
      },
    );
    return (await tx.pushEndpoints.get(id)) as PushEndpointRecord;
  });
  forgetRecipientOutbound(ctx, accountId);
  return updated;
}

export async function deletePushEndpoint(ctx: NetworkContext, accountId: string, id: string): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const endpoint = await tx.pushEndpoints.get(id);
    if (endpoint === null || endpoint.accountId !== accountId)
      throw new OpenVanError("NOT_FOUND", `no push endpoint ${id} for account ${accountId}`);
    await tx.pushEndpoints.delete(id);
    await recordEvent(
      tx,
      "push_endpoint.removed",
      ctx.clock.now().toISOString(),
      { accountId },
      {
        endpointId: id,
      },
    );
  });
  forgetRecipientOutbound(ctx, accountId);
}
