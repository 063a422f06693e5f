import type { FastifyPluginAsync } from "fastify";
import {
  accountOrNotFound,
  createUser,
  maxPasswordLength,
  minPasswordLength,
  resetPassword,
  setUserDisabled,
} from "../../../network/index.js";
import type { ApiKeyScope, UserRole } from "../../../storage/ports/index.js";
import { requireAdmin } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { listSchema } from "../views/account-views.js";
import { errorResponses } from "../views/error-schema.js";
import { userSchema, userView } from "../views/user-views.js";

const idParams = (what: string) =>
  ({
    type: "object",
    required: ["id"],
    properties: { id: { type: "string", maxLength: 64, description: `The ${what} id.` } },
  }) as const;

const password = {
  type: "string",
  minLength: minPasswordLength,
  maxLength: maxPasswordLength,
  description: `${minPasswordLength} to ${maxPasswordLength} characters; kept only as an argon2id hash.`,
} as const;

const tags = ["admin"];

interface NewUserBody {
  email: string;
  displayName: string;
  password: string;
  role?: UserRole;
  scope?: ApiKeyScope;
}

/** `/admin/…/users`: the people who sign in to accounts. Only the admin scope gets in. */
export function adminUserRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  /** A change to a user; their cached sessions are forgotten at once on this node. */
  const changed = (userId: string): void => deps.credentials?.forgetUser(userId);
  return async (app) => {
    app.addHook("onRequest", requireAdmin);

    app.post<{ Params: { id: string }; Body: NewUserBody }>(
      "/admin/accounts/:id/users",
      {
        schema: {
          summary: "Give an account a user who signs in with an e-mail address and a password",
          tags,
          params: idParams("account"),
          body: {
            type: "object",
            required: ["email", "displayName", "password"],
            additionalProperties: false,
            properties: {
              email: { type: "string", minLength: 3, maxLength: 254 },
              displayName: { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" },
              password,
              role: { type: "string", enum: ["admin", "member"], default: "member" },
              scope: {
                type: "string",
                enum: ["account", "admin"],
                default: "account",
                description: "admin: the user operates the whole network.",
              },
            },
          },
          response: { 201: userSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const user = await createUser(ctx, { accountId: request.params.id, ...request.body });
        return reply.code(201).send(userView(user));
      },
    );

    app.get<{ Params: { id: string } }>(
      "/admin/accounts/:id/users",
      {
        schema: {
          summary: "List an account's users",
          tags,
          params: idParams("account"),
          response: { 200: listSchema(userSchema), ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        await accountOrNotFound(ctx.store, request.params.id);
        return { items: (await ctx.store.users.listByAccount(request.params.id)).map(userView) };
      },
    );

    for (const [action, disabled] of [
      ["disable", true],
      ["enable", false],
    ] as const) {
      app.post<{ Params: { id: string } }>(
        `/admin/users/:id/${action}`,
        {
          schema: {
            summary: disabled
              ? "Disable a user: no more logins, and every session of the user ends"
              : "Let a disabled user sign in again",
            tags,
            params: idParams("user"),
            response: { 200: userSchema, ...errorResponses(401, 403, 404) },
          },
        },
        async (request) => {
          const user = await setUserDisabled(ctx, request.params.id, disabled);
          changed(user.id);
          return userView(user);
        },
      );
    }

    app.post<{ Params: { id: string }; Body: { password: string } }>(
      "/admin/users/:id/password",
      {
        schema: {
          summary: "Set a user's password (a reset); every session of the user ends",
          tags,
          params: idParams("user"),
          body: {
            type: "object",
            required: ["password"],
            additionalProperties: false,
            properties: { password },
          },
          response: { 200: userSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const user = await resetPassword(ctx, request.params.id, request.body.password);
        changed(user.id);
        return userView(user);
      },
    );
  };
}
