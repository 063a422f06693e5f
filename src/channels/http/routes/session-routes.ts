import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import {
  endSession,
  isSessionToken,
  LoginThrottle,
  login,
  maxPasswordLength,
  type Principal,
} from "../../../network/index.js";
import { presentedCredential, principalOfCredentials } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { clearSessionCookie, setSessionCookie } from "../session-cookie.js";
import { errorResponses } from "../views/error-schema.js";

const tags = ["session"];

const whoAmISchema = {
  type: "object",
  required: ["via", "scope", "account", "user"],
  properties: {
    via: { type: "string", enum: ["session", "key"], description: "What the request presented." },
    scope: { type: "string", enum: ["account", "admin"] },
    account: {
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "string" }, name: { type: "string" } },
    },
    user: {
      type: ["object", "null"],
      description: "The signed-in user; null for an API key.",
      required: ["id", "email", "displayName", "role"],
      properties: {
        id: { type: "string" },
        email: { type: "string" },
        displayName: { type: "string" },
        role: { type: "string", enum: ["admin", "member"] },
      },
    },
    expiresAt: { type: ["string", "null"], format: "date-time", description: "When the session ends." },
  },
} as const;

const sessionSchema = {
  ...whoAmISchema,
  required: [...whoAmISchema.required, "token", "expiresAt"],
  properties: {
    ...whoAmISchema.properties,
    token: {
      type: "string",
      description:
        "The session token, for API clients (Authorization: Bearer TOKEN); browsers get it as an HttpOnly cookie.",
    },
  },
} as const;

/**
 * `/session`: a user signs in with an e-mail address and a password (POST), asks who they are (GET) and signs
 * out (DELETE). Registered outside the authentication hook: signing in needs no credentials, and signing out
 * works even with an expired one. Failed logins are throttled per e-mail address and client address, in this
 * node's memory (see LoginThrottle).
 */
export function sessionRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  const throttle = new LoginThrottle();
  return async (app) => {
    app.post<{ Body: { email: string; password: string } }>(
      "/session",
      {
        schema: {
          summary: "Sign in with an e-mail address and a password",
          description:
            "Opens a session: the token comes back in the body (for API clients) and as the HttpOnly, " +
            "SameSite=Strict cookie `openvan_session` (Secure over HTTPS). Wrong address, wrong password and " +
            "disabled user all give the same LOGIN_FAILED; repeated failures give LOGIN_THROTTLED (429).",
          tags,
          body: {
            type: "object",
            required: ["email", "password"],
            additionalProperties: false,
            properties: {
              email: { type: "string", minLength: 1, maxLength: 254 },
              password: { type: "string", minLength: 1, maxLength: maxPasswordLength },
            },
          },
          response: { 201: sessionSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        let issued: Awaited<ReturnType<typeof login>>;
        try {
          issued = await login(ctx, throttle, { ...request.body, client: request.ip });
        } catch (error) {
          if (error instanceof OpenVanError && error.code === "LOGIN_THROTTLED") {
            reply.header("retry-after", String(error.details.retryAfterSeconds));
          }
          throw error;
        }
        const { token, session, user } = issued;
        setSessionCookie(request, reply, token, session);
        const account = await ctx.store.accounts.get(user.accountId);
        return reply.code(201).send({
          via: "session",
          scope: user.scope,
          account: { id: user.accountId, name: account?.name ?? "" },
          user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
          expiresAt: session.expiresAt,
          token,
        });
      },
    );

    app.get(
      "/session",
      {
        schema: {
          summary: "Who am I: the user (or API key), the account and the scope the request acts with",
          tags,
          response: { 200: whoAmISchema, ...errorResponses(401) },
        },
      },
      async (request) => {
        const who = await principalOfCredentials(ctx, request, deps.credentials ?? null);
        return whoAmI(who, (await ctx.store.accounts.get(who.accountId))?.name ?? "");
      },
    );

    app.delete(
      "/session",
      {
        schema: {
          summary: "Sign out: ends the session of the token or cookie presented, and clears the cookie",
          description:
            "Answers 204 also when there was no session to end, so that signing out twice is safe.",
          tags,
          response: { 204: { type: "null", description: "Signed out." } },
        },
      },
      async (request, reply) => {
        const presented = presentedCredential(request);
        if (presented?.kind === "credential" && isSessionToken(presented.credential)) {
          await endSession(ctx, presented.credential);
          deps.credentials?.forget(presented.credential);
        }
        clearSessionCookie(request, reply);
        return reply.code(204).send();
      },
    );
  };
}

function whoAmI(who: Principal, accountName: string): Record<string, unknown> {
  const account = { id: who.accountId, name: accountName };
  if (who.kind === "key") return { via: "key", scope: who.scope, account, user: null, expiresAt: null };
  return {
    via: "session",
    scope: who.scope,
    account,
    user: { id: who.userId, email: who.email, displayName: who.displayName, role: who.role },
    expiresAt: who.expiresAt,
  };
}
