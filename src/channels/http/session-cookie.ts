import type { FastifyReply, FastifyRequest } from "fastify";

/** The cookie that carries a browser's session token. */
export const sessionCookieName = "openvan_session";

/** The session token of the request's `Cookie` header, or null. */
export function sessionCookieOf(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === sessionCookieName) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * Sets the session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot send it),
 * Secure when the request came over HTTPS, and gone when the session expires.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  session: { readonly createdAt: string; readonly expiresAt: string },
): void {
  const maxAge = Math.max(
    0,
    Math.floor((Date.parse(session.expiresAt) - Date.parse(session.createdAt)) / 1000),
  );
  reply.header("set-cookie", cookie(request, `${sessionCookieName}=${token}`, maxAge));
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header("set-cookie", cookie(request, `${sessionCookieName}=`, 0));
}

function cookie(request: FastifyRequest, value: string, maxAge: number): string {
  const secure = request.protocol === "https" ? "; Secure" : "";
  return `${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}
