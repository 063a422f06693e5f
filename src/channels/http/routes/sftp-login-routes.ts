import type { FastifyPluginAsync } from "fastify";
import type { SshKeyRecord } from "../../../storage/ports/index.js";
import {
  addSshKey,
  describeSftpLogin,
  loadSftpHostKey,
  removeSshKey,
  type SftpLoginView,
  setSftpLogin,
} from "../../sftp/index.js";
import { requireAdmin } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";
import { accountParams } from "./admin-account.js";

const tags = ["sftp"];

const sshKeySchema = {
  type: "object",
  required: ["id", "accountId", "algorithm", "bits", "fingerprint", "publicKey", "comment", "createdAt"],
  properties: {
    id: { type: "string" },
    accountId: { type: "string" },
    algorithm: { type: "string", description: "ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa." },
    bits: { type: "integer" },
    fingerprint: { type: "string", description: "SHA256:…, as ssh-keygen -l prints it." },
    publicKey: { type: "string", description: "TYPE BASE64." },
    comment: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

const loginSchema = {
  type: "object",
  required: ["accountId", "username", "hasPassword", "keys"],
  properties: {
    accountId: { type: "string" },
    username: { type: "string" },
    hasPassword: { type: "boolean", description: "Whether the login takes a password (never shown)." },
    keys: { type: "array", items: sshKeySchema },
  },
} as const;

const hostKeySchema = {
  type: "object",
  required: ["algorithm", "publicKey", "fingerprint"],
  properties: {
    algorithm: { type: "string" },
    publicKey: {
      type: "string",
      description: "TYPE BASE64: the line to put in known_hosts after [HOST]:PORT.",
    },
    fingerprint: { type: "string", description: "SHA256:…, what an SFTP client shows on first connection." },
  },
} as const;

/**
 * SFTP logins: `/admin/accounts/:id/sftp` (username, password, SSH public keys; admin scope) and
 * `/sftp/host-key` (the network's host key, for a client's known_hosts; any key).
 */
export function sftpLoginRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  return async (app) => {
    app.get(
      "/sftp/host-key",
      {
        schema: {
          summary: "The SFTP server's host key, to check on first connection",
          tags,
          response: { 200: hostKeySchema, ...errorResponses(401) },
        },
      },
      async () => {
        const key = await loadSftpHostKey(ctx);
        return { algorithm: key.algorithm, publicKey: key.publicKey, fingerprint: key.fingerprint };
      },
    );

    app.register(async (admin) => {
      admin.addHook("onRequest", requireAdmin);

      admin.get<{ Params: { id: string } }>(
        "/admin/accounts/:id/sftp",
        {
          schema: {
            summary: "An account's SFTP login: username, whether it has a password, its SSH keys",
            tags,
            params: accountParams,
            response: { 200: loginSchema, ...errorResponses(401, 403, 404) },
          },
        },
        async (request) => loginView(await describeSftpLogin(ctx, request.params.id)),
      );

      admin.put<{ Params: { id: string }; Body: { username?: string; password?: string | null } }>(
        "/admin/accounts/:id/sftp",
        {
          schema: {
            summary: "Create or change an account's SFTP login (username; password, or null for keys only)",
            tags,
            params: accountParams,
            body: {
              type: "object",
              additionalProperties: false,
              properties: {
                username: { type: "string", minLength: 1, maxLength: 64 },
                password: { type: ["string", "null"], maxLength: 1024 },
              },
            },
            response: { 200: loginSchema, ...errorResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const { username, password } = request.body;
          return loginView(
            await setSftpLogin(ctx, request.params.id, {
              ...(username === undefined ? {} : { username }),
              ...(password === undefined ? {} : { password }),
            }),
          );
        },
      );

      admin.post<{ Params: { id: string }; Body: { publicKey: string } }>(
        "/admin/accounts/:id/sftp/keys",
        {
          schema: {
            summary: "Add an SSH public key (ed25519, ECDSA, RSA of 2048 bits or more) to an account's login",
            tags,
            params: accountParams,
            body: {
              type: "object",
              required: ["publicKey"],
              additionalProperties: false,
              properties: {
                publicKey: {
                  type: "string",
                  minLength: 1,
                  maxLength: 16384,
                  description: "One line of a .pub file: TYPE BASE64 [COMMENT].",
                },
              },
            },
            response: { 201: sshKeySchema, ...errorResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request, reply) =>
          reply.code(201).send(keyView(await addSshKey(ctx, request.params.id, request.body.publicKey))),
      );

      admin.delete<{ Params: { id: string; keyId: string } }>(
        "/admin/accounts/:id/sftp/keys/:keyId",
        {
          schema: {
            summary: "Remove an SSH key from an account's login",
            tags,
            params: {
              type: "object",
              required: ["id", "keyId"],
              properties: { id: { type: "string", maxLength: 64 }, keyId: { type: "string", maxLength: 64 } },
            },
            response: { 204: { type: "null", description: "Removed." }, ...errorResponses(401, 403, 404) },
          },
        },
        async (request, reply) => {
          await removeSshKey(ctx, request.params.id, request.params.keyId);
          return reply.code(204).send();
        },
      );
    });
  };
}

function loginView(login: SftpLoginView): Record<string, unknown> {
  return { ...login, keys: login.keys.map(keyView) };
}

function keyView(key: SshKeyRecord): Record<string, unknown> {
  return { ...key };
}
