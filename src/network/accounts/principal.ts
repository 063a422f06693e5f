import type { ApiKeyScope, UserRole } from "../../storage/ports/index.js";

/** Who a request acts for, once its API key or session is checked. */
export type Principal = KeyPrincipal | SessionPrincipal;

export interface KeyPrincipal {
  readonly kind: "key";
  readonly accountId: string;
  readonly scope: ApiKeyScope;
  readonly keyId: string;
}

/** A signed-in user: acts for the user's account, with the user's scope. */
export interface SessionPrincipal {
  readonly kind: "session";
  readonly accountId: string;
  readonly scope: ApiKeyScope;
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly expiresAt: string;
}
