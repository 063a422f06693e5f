import type { FastifyReply, FastifyRequest } from "fastify";
import { OpenVanError } from "../../kernel/index.js";
import {
  authenticateApiKey,
  authenticateSession,
  isSessionToken,
  type NetworkContext,
  type Principal,
} from "../../network/index.js";
import type { CredentialCache } from "./credential-cache.js";
import { sessionCookieOf } from "./session-cookie.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the request acts for, set by the authentication hook of `/api/v1`. */
    principal: Principal | null;
  }
}

/**
 * The onRequest hook of `/api/v1`: the request's principal from `Authorization: Bearer KEY-OR-SESSION-TOKEN`,
 * or else from the session cookie a browser got at login; 401 when neither is there and valid.
 */
export function authenticate(
  ctx: NetworkContext,
  cache: CredentialCache | null = null,
): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    request.principal = await principalOfCredentials(ctx, request, cache);
  };
}

/**
 * The principal of the credentials the request presents, from the cache when it checked them a moment ago;
 * throws UNAUTHENTICATED when there is none valid.
 */
export async function principalOfCredentials(
  ctx: NetworkContext,
  request: FastifyRequest,
  cache: CredentialCache | null = null,
): Promise<Principal> {
  const presented = presentedCredential(request);
  if (presented === null) {
    throw new OpenVanError(
      "UNAUTHENTICATED",
      "send an API key or a session token (Authorization: Bearer …), or sign in: POST /api/v1/session",
    );
  }
  if (presented.kind === "malformed") {
    throw new OpenVanError(
      "UNAUTHENTICATED",
      "the Authorization header is not of the form Bearer CREDENTIAL",
    );
  }
  const { credential } = presented;
  const now = ctx.clock.now().getTime();
  const cached = cache?.get(credential, now) ?? null;
  if (cached !== null) return cached;
  const principal = await checkCredential(ctx, credential);
  cache?.set(credential, principal, now);
  return principal;
}

async function checkCredential(ctx: NetworkContext, credential: string): Promise<Principal> {
  if (isSessionToken(credential)) {
    const principal = await authenticateSession(ctx, credential);
    if (principal === null) {
      throw new OpenVanError(
        "UNAUTHENTICATED",
        "the session is not valid (ended, expired or unknown); sign in again",
      );
    }
    return principal;
  }
  const principal = await authenticateApiKey(ctx, credential);
  if (principal === null) {
    throw new OpenVanError("UNAUTHENTICATED", "the API key is not valid (unknown, revoked or malformed)");
  }
  return principal;
}

type Presented =
  | { readonly kind: "credential"; readonly credential: string }
  | { readonly kind: "malformed" };

/** The bearer credential of the request, or else its session cookie; the header wins when both are there. */
export function presentedCredential(request: FastifyRequest): Presented | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match === null ? { kind: "malformed" } : { kind: "credential", credential: match[1] as string };
  }
  const cookie = sessionCookieOf(request);
  return cookie === null ? null : { kind: "credential", credential: cookie };
}

/** The onRequest hook of `/api/v1/admin`: only API keys and users of the admin scope pass. */
export async function requireAdmin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (principalOf(request).scope !== "admin") {
    throw new OpenVanError("FORBIDDEN", "this needs an API key or a user of the admin scope");
  }
}

/** The request's principal; only called behind the authentication hook. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new OpenVanError("UNAUTHENTICATED", "no API key was checked");
  return request.principal;
}
