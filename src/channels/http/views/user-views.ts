import type { UserRecord } from "../../../storage/ports/index.js";

export const userSchema = {
  type: "object",
  required: ["id", "accountId", "email", "displayName", "role", "scope", "createdAt", "disabledAt"],
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    email: { type: "string", description: "Lower case; unique on the network." },
    displayName: { type: "string" },
    role: { type: "string", enum: ["admin", "member"], description: "In the account." },
    scope: { type: "string", enum: ["account", "admin"], description: "admin: an operator of the network." },
    createdAt: { type: "string", format: "date-time" },
    passwordChangedAt: { type: "string", format: "date-time" },
    disabledAt: { type: ["string", "null"], format: "date-time" },
  },
} as const;

/** A user as the API shows them: never the password's hash. */
export function userView(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    accountId: user.accountId,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    scope: user.scope,
    createdAt: user.createdAt,
    passwordChangedAt: user.passwordChangedAt,
    disabledAt: user.disabledAt,
  };
}
