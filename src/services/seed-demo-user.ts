import { randomBytes } from "node:crypto";
import { OpenVanError } from "../kernel/index.js";
import { createUser, type NetworkContext, normalizeEmail, resetPassword } from "../network/index.js";

/** A demo company's user, with the password made on this start. */
export interface DemoUser {
  readonly email: string;
  readonly password: string;
}

/** `Acme Foods` → `demo@acmefoods.example` (a reserved domain: nobody receives mail there). */
export function demoUserEmail(companyName: string): string {
  return normalizeEmail(`demo@${companyName.toLowerCase().replace(/[^a-z0-9]/g, "")}.example`);
}

/**
 * Gives a demo company its user, an admin of the account, with a fresh password on every start (like the API
 * key: a password cannot be read back from its hash). A user from an earlier start gets the new password.
 */
export async function seedDemoUser(
  ctx: NetworkContext,
  accountId: string,
  companyName: string,
): Promise<DemoUser> {
  const email = demoUserEmail(companyName);
  const password = randomBytes(12).toString("base64url");
  const existing = await ctx.store.users.findByEmail(email);
  if (existing === null) {
    await createUser(ctx, {
      accountId,
      email,
      displayName: `${companyName} (demo)`,
      password,
      role: "admin",
    });
  } else if (existing.accountId !== accountId) {
    throw new OpenVanError("USER_EMAIL_TAKEN", `the demo user ${email} belongs to another account`, {
      email,
    });
  } else {
    await resetPassword(ctx, existing.id, password);
  }
  return { email, password };
}
