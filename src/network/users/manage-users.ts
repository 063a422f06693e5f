import { OpenVanError } from "../../kernel/index.js";
import type { UserRecord } from "../../storage/ports/index.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { userDetail } from "./create-user.js";
import { hashPassword } from "./password-hash.js";
import { checkPassword } from "./user-input.js";

/**
 * Disables a user (`disabled` true) or lets them sign in again. Disabling ends every session of the user in the
 * same transaction, so that nothing signed in before goes on working.
 */
export async function setUserDisabled(
  ctx: NetworkContext,
  userId: string,
  disabled: boolean,
): Promise<UserRecord> {
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const user = await existing(tx.users.get(userId), userId);
    await tx.users.setDisabled(user.id, disabled ? at : null);
    const ended = disabled ? await tx.sessions.deleteByUser(user.id) : 0;
    await recordEvent(
      tx,
      disabled ? "user.disabled" : "user.enabled",
      at,
      { accountId: user.accountId },
      {
        ...userDetail(user),
        sessionsEnded: ended,
      },
    );
    return { ...user, disabledAt: disabled ? at : null };
  });
}

/** Sets a new password (an operator's reset); every session of the user ends with the old one. */
export async function resetPassword(
  ctx: NetworkContext,
  userId: string,
  password: string,
): Promise<UserRecord> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (tx) => {
    const user = await existing(tx.users.get(userId), userId);
    await tx.users.setPassword(user.id, passwordHash, at);
    const ended = await tx.sessions.deleteByUser(user.id);
    await recordEvent(
      tx,
      "user.password_reset",
      at,
      { accountId: user.accountId },
      {
        ...userDetail(user),
        sessionsEnded: ended,
      },
    );
    return { ...user, passwordHash, passwordChangedAt: at };
  });
}

async function existing(found: Promise<UserRecord | null>, userId: string): Promise<UserRecord> {
  const user = await found;
  if (user === null) throw new OpenVanError("NOT_FOUND", `no user ${userId}`);
  return user;
}
