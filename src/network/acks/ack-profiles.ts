import { OpenVanError } from "../../kernel/index.js";
import type { AckChoice, AckProfileRecord, FunctionalAckChoice } from "../../storage/ports/index.js";
import { accountOrNotFound } from "../accounts/account-or-not-found.js";
import { formatIdentityAddress, parseIdentityAddress } from "../identity-address.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { defaultAckProfile } from "./ack-profile.js";

/** What a caller may set in a profile; what it leaves out keeps its current (or default) value. */
export interface AckProfileInput {
  readonly identity?: string;
  readonly partner?: string;
  readonly ta1?: AckChoice;
  readonly functional?: FunctionalAckChoice;
  readonly contrl?: AckChoice;
  readonly rejectGroupOnSetError?: boolean;
  readonly expectAck?: AckChoice;
  readonly ackWindowMinutes?: number;
  readonly docTypeWindows?: Readonly<Record<string, number>>;
}

/** A year: the longest acknowledgment window a profile may set. */
const longestWindowMinutes = 366 * 24 * 60;

/** Creates or changes the acknowledgment profile of an account (for one of its identities, one partner). */
export async function setAckProfile(
  ctx: NetworkContext,
  accountId: string,
  input: AckProfileInput,
): Promise<AckProfileRecord> {
  const identity = normalised(input.identity, "identity");
  const partner = normalised(input.partner, "partner");
  checkWindow(input.ackWindowMinutes, "ackWindowMinutes");
  for (const [docType, minutes] of Object.entries(input.docTypeWindows ?? {}))
    checkWindow(minutes, `docTypeWindows.${docType}`);
  return ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, accountId);
    if (identity !== "") {
      const { qualifier, value } = parseIdentityAddress(identity);
      const owner = await tx.identities.findByAddress(qualifier, value);
      if (owner?.accountId !== accountId) {
        throw new OpenVanError("REQUEST_INVALID", `${identity} is not an identity of this account`, {
          field: "identity",
        });
      }
    }
    const current =
      (await tx.ackProfiles.list(accountId)).find((p) => p.identity === identity && p.partner === partner) ??
      defaultAckProfile(accountId);
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const profile: AckProfileRecord = {
      ...current,
      ...defined,
      accountId,
      identity,
      partner,
      updatedAt: ctx.clock.now().toISOString(),
    };
    await tx.ackProfiles.upsert(profile);
    await recordEvent(tx, "ack_profile.set", profile.updatedAt, { accountId }, { identity, partner });
    return profile;
  });
}

export async function removeAckProfile(
  ctx: NetworkContext,
  accountId: string,
  identityText: string | undefined,
  partnerText: string | undefined,
): Promise<void> {
  const identity = normalised(identityText, "identity");
  const partner = normalised(partnerText, "partner");
  const removed = await ctx.store.ackProfiles.delete(accountId, identity, partner);
  if (!removed) {
    throw new OpenVanError(
      "NOT_FOUND",
      `no acknowledgment profile for identity "${identity || "*"}" and partner "${partner || "*"}"`,
    );
  }
}

/** `QUAL:ID` as the network writes it, or "" for "every one". */
function normalised(text: string | undefined, field: string): string {
  if (text === undefined || text.trim() === "" || text.trim() === "*") return "";
  try {
    return formatIdentityAddress(parseIdentityAddress(text));
  } catch {
    throw new OpenVanError("REQUEST_INVALID", `${field}: "${text}" is not an identity (QUAL:ID)`, { field });
  }
}

function checkWindow(minutes: number | undefined, field: string): void {
  if (minutes === undefined) return;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > longestWindowMinutes) {
    throw new OpenVanError(
      "REQUEST_INVALID",
      `${field}: ${minutes} is not a window in whole minutes from 1 to ${longestWindowMinutes}`,
      { field },
    );
  }
}
