import { type NetworkContext, notifyAccount, recordEvent } from "../../../network/index.js";
import { networkOwner } from "./network-keys.js";

const warnAheadMs = 30 * 24 * 3600_000;

/**
 * Finds the AS2 certificates that end within 30 days and were not warned about: records "certificate.expiring"
 * and, for a partner's certificate, notifies its account, once per certificate (the mark and the event commit
 * together, so two nodes sweeping at once warn once). Returns how many it warned about.
 */
export async function sweepAs2Certificates(ctx: NetworkContext): Promise<number> {
  const now = ctx.clock.now();
  const expiring = await ctx.store.as2.listExpiring(new Date(now.getTime() + warnAheadMs).toISOString());
  let warned = 0;
  for (const certificate of expiring) {
    const profile =
      certificate.owner === networkOwner ? null : await ctx.store.as2.getProfile(certificate.owner);
    const detail = {
      certificateId: certificate.id,
      subject: certificate.subject,
      notAfter: certificate.notAfter,
      owner: certificate.owner === networkOwner ? "network" : "partner",
      ...(profile === null ? {} : { as2Id: profile.as2Id, profileId: profile.id }),
    };
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.as2.markExpiryWarned(certificate.id, now.toISOString()))) return;
      const subject = { accountId: profile?.accountId ?? null };
      await recordEvent(tx, "certificate.expiring", now.toISOString(), subject, detail);
      if (profile !== null) {
        await notifyAccount(ctx, tx, {
          accountId: profile.accountId,
          type: "certificate.expiring",
          subject,
          detail,
        });
      }
      warned++;
    });
  }
  return warned;
}
