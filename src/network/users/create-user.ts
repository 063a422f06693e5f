import { newId, OpenVanError } from "../../kernel/index.js";
import type { ApiKeyScope, UserRecord, UserRole } from "../../storage/ports/index.js";
import { accountOrNotFound } from "../accounts/account-or-not-found.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";
import { hashPassword } from "./password-hash.js";
import { checkPassword, normalizeEmail } from "./user-input.js";

export interface NewUser {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly role?: UserRole;
  /** `admin` makes the user an operator of the whole network. */
  readonly scope?: ApiKeyScope;
}

/** Gives an account a user who signs in with this e-mail address and password (kept only as argon2id). */
export async function createUser(ctx: NetworkContext, input: NewUser): Promise<UserRecord> {
  const email = normalizeEmail(input.email);
  checkPassword(input.password);
  const displayName = input.displayName.trim();
  if (displayName === "") {
    throw new OpenVanError("REQUEST_INVALID", "a user needs a display name", { field: "displayName" });
  }
  const at = ctx.clock.now().toISOString();
  const user: UserRecord = {
    id: newId("usr_"),
    accountId: input.accountId,
    email,
    displayName,
    role: input.role ?? "member",
    scope: input.scope ?? "account",
    passwordHash: await hashPassword(input.password),
    createdAt: at,
    passwordChangedAt: at,
    disabledAt: null,
  };
  await ctx.store.transaction(async (tx) => {
    await accountOrNotFound(tx, user.accountId);
    await tx.users.insert(user);
    await recordEvent(tx, "user.created", at, { accountId: user.accountId }, userDetail(user));
  });
  return user;
}

/** What the audit trail says about a user: never the password's hash. */
export function userDetail(user: UserRecord): Record<string, unknown> {
  return { userId: user.id, email: user.email, role: user.role, scope: user.scope };
}
