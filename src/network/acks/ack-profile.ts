import type { AckProfileRecord, MetadataRepositories } from "../../storage/ports/index.js";

/** The profile of a sender that has none: acknowledgments when the envelope asks, a day to answer. */
export function defaultAckProfile(accountId: string): AckProfileRecord {
  return {
    accountId,
    identity: "",
    partner: "",
    ta1: "requested",
    functional: "none",
    contrl: "requested",
    rejectGroupOnSetError: false,
    expectAck: "requested",
    ackWindowMinutes: 24 * 60,
    docTypeWindows: {},
    updatedAt: "1970-01-01T00:00:00.000Z",
  };
}

/**
 * The profile that applies to what `identity` of the account sends to `partner`: the most specific one wins
 * (identity and partner, then identity, then partner, then the account's), else the default.
 */
export async function resolveAckProfile(
  tx: MetadataRepositories,
  accountId: string,
  identity: string,
  partner: string,
): Promise<AckProfileRecord> {
  const found = await tx.ackProfiles.candidates(accountId, identity, partner);
  const rank = (p: AckProfileRecord): number => (p.identity === "" ? 0 : 2) + (p.partner === "" ? 0 : 1);
  let best: AckProfileRecord | null = null;
  for (const p of found) if (best === null || rank(p) > rank(best)) best = p;
  return best ?? defaultAckProfile(accountId);
}

/** How long the partner has to acknowledge an interchange of these document types: the shortest window. */
export function ackWindowMs(profile: AckProfileRecord, docTypes: readonly string[]): number {
  const minutes = docTypes
    .map((t) => profile.docTypeWindows[t])
    .filter((m): m is number => typeof m === "number");
  return (minutes.length > 0 ? Math.min(...minutes) : profile.ackWindowMinutes) * 60_000;
}
