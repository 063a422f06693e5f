import { builtinGuides, type GuideInput, type GuideSet, loadGuide } from "../../edi/guides/index.js";
import { newId, OpenVanError } from "../../kernel/index.js";
import type { PartnerGuideRecord } from "../../storage/ports/index.js";
import { accountOrNotFound } from "../accounts/account-or-not-found.js";
import { formatIdentityAddress, parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { forgetPartnerGuides } from "./partner-guide-cache.js";

/** What a caller sends to add or change a partner guide. */
export interface PartnerGuideInput {
  /** The guide document (docs/guides.md); a partner guide usually `extends` a built-in guide. */
  readonly guide: unknown;
  /** `QUAL:ID` of the partner whose documents it checks; "*" or "" (or, when adding, left out) for all. */
  readonly partner?: string;
}

/**
 * Checks a partner guide document as the network will use it: the guide format (GUIDE_INVALID with the JSON
 * path, e.g. `structure[3].body[0].max`), an id of its own (not a built-in's), a base that is a built-in guide,
 * and every segment defined and every override in place for each version it covers.
 */
export function checkPartnerGuide(document: unknown): GuideInput {
  const guide = loadGuide(document, "guide");
  const builtins = builtinGuides();
  if (builtins.has(guide.id))
    invalid("id", `"${guide.id}" is the id of a built-in guide: give the partner guide an id of its own`);
  if (guide.extends !== undefined && !builtins.has(guide.extends))
    invalid("extends", `"${guide.extends}" is not a built-in guide (GET /api/v1/guides/builtin lists them)`);
  let set: GuideSet;
  try {
    set = builtins.with([guide]);
  } catch (cause) {
    if (cause instanceof OpenVanError) invalid("extends", cause.message);
    throw cause;
  }
  const resolved = set.resolve(guide.id);
  for (const version of resolved.versions) {
    const { problems } = set.compile(guide.id, version);
    const [first] = problems;
    if (first !== undefined)
      invalid(first.startsWith("override") ? "overrides" : "structure", `for version ${version}: ${first}`);
  }
  return guide;
}

function invalid(path: string, what: string): never {
  throw new OpenVanError("GUIDE_INVALID", `guide: ${path} ${what}`, { source: "guide", path });
}

/** "" for every partner, else the partner's identity written `QUAL:ID`. */
export function partnerScope(text: string | undefined): string {
  const trimmed = (text ?? "").trim();
  if (trimmed === "" || trimmed === "*") return "";
  try {
    return formatIdentityAddress(parseIdentityAddress(trimmed));
  } catch {
    throw new OpenVanError(
      "REQUEST_INVALID",
      `"${text}" is not an identity: write QUAL:ID, e.g. ZZ:ACMEFOODS`,
      {
        field: "partner",
      },
    );
  }
}

export async function addPartnerGuide(
  ctx: NetworkContext,
  accountId: string,
  input: PartnerGuideInput,
): Promise<PartnerGuideRecord> {
  const guide = checkPartnerGuide(input.guide);
  const partner = partnerScope(input.partner);
  const now = ctx.clock.now().toISOString();
  const record: PartnerGuideRecord = {
    id: newId("gde_"),
    accountId,
    partner,
    guideId: guide.id,
    document: input.guide as Record<string, unknown>,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  forgetPartnerGuides(ctx, accountId);
  await ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, accountId);
    await tx.partnerGuides.insert(record);
    await recordEvent(tx, "guide.added", now, { accountId }, guideDetail(record));
  });
  forgetPartnerGuides(ctx, accountId);
  return record;
}

/** Replaces a guide's document; its partner too when `partner` is given. */
export async function updatePartnerGuide(
  ctx: NetworkContext,
  accountId: string,
  id: string,
  input: PartnerGuideInput,
): Promise<PartnerGuideRecord> {
  const guide = checkPartnerGuide(input.guide);
  const now = ctx.clock.now().toISOString();
  forgetPartnerGuides(ctx, accountId);
  const updated = await ctx.store.transaction(async (tx) => {
    const current = await tx.partnerGuides.get(accountId, id);
    if (current === null) throw notFound(id);
    const record: PartnerGuideRecord = {
      ...current,
      partner: input.partner === undefined ? current.partner : partnerScope(input.partner),
      guideId: guide.id,
      document: input.guide as Record<string, unknown>,
      version: current.version + 1,
      updatedAt: now,
    };
    if (!(await tx.partnerGuides.update(record, current.version))) throw notFound(id);
    await recordEvent(tx, "guide.changed", now, { accountId }, guideDetail(record));
    return record;
  });
  forgetPartnerGuides(ctx, accountId);
  return updated;
}

export async function removePartnerGuide(ctx: NetworkContext, accountId: string, id: string): Promise<void> {
  forgetPartnerGuides(ctx, accountId);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.partnerGuides.get(accountId, id);
    if (current === null || !(await tx.partnerGuides.delete(accountId, id))) throw notFound(id);
    await recordEvent(
      tx,
      "guide.removed",
      ctx.clock.now().toISOString(),
      { accountId },
      guideDetail(current),
    );
  });
  forgetPartnerGuides(ctx, accountId);
}

export async function getPartnerGuide(
  ctx: NetworkContext,
  accountId: string,
  id: string,
): Promise<PartnerGuideRecord> {
  const found = await ctx.store.partnerGuides.get(accountId, id);
  if (found === null) throw notFound(id);
  return found;
}

function notFound(id: string): OpenVanError {
  return new OpenVanError("GUIDE_NOT_FOUND", `the account has no partner guide ${id}`, { guide: id });
}

function guideDetail(r: PartnerGuideRecord): Record<string, unknown> {
  return { id: r.id, guideId: r.guideId, partner: r.partner || "*", version: r.version };
}
