import type { FastifyReply, FastifyRequest } from "fastify";
import { OpenVanError } from "../../kernel/index.js";
import { authenticateApiKey, type NetworkContext, type Principal } from "../../network/index.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the request acts for, set by the authentication hook of `/api/v1`. */
    principal: Principal | null;
  }
}

/** The onRequest hook of `/api/v1`: `Authorization: Bearer KEY` → the request's principal, or 401. */
export function authenticate(ctx: NetworkContext): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) {
      throw new OpenVanError("UNAUTHENTICATED", "send an API key: Authorization: Bearer KEY");
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match === null ? null : await authenticateApiKey(ctx, match[1] as string);
    if (principal === null) {
      throw new OpenVanError("UNAUTHENTICATED", "the API key is not valid (unknown, revoked or malformed)");
    }
    request.principal = principal;
  };
}

/** The onRequest hook of `/api/v1/admin`: only keys of the admin scope pass. */
export async function requireAdmin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (principalOf(request).scope !== "admin") {
    throw new OpenVanError("FORBIDDEN", "this needs an API key of the admin scope");
  }
}

/** The request's principal; only called behind the authentication hook. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new OpenVanError("UNAUTHENTICATED", "no API key was checked");
  return request.principal;
}
