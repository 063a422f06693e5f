import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import { requireAdmin } from "../../http/authenticate.js";
import type { As2Context } from "../as2-context.js";
import {
  generateNetworkCertificate,
  generateProfileCertificate,
  importNetworkPkcs12,
} from "../keys/manage-certificates.js";
import { networkOwner } from "../keys/network-keys.js";
import type { As2ProfileInput } from "../profiles/as2-profile-input.js";
import {
  addProfileCertificates,
  createAs2Profile,
  requireProfile,
  updateAs2Profile,
} from "../profiles/as2-profiles.js";
import {
  certificateSchema,
  certificateView,
  profileBodySchema,
  profileSchema,
  profileView,
} from "./as2-views.js";

const tags = ["admin", "as2"];

interface GenerateBody {
  readonly bits?: 2048 | 3072 | 4096;
  readonly days?: number;
}
const generateBodySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    bits: { type: "integer", enum: [2048, 3072, 4096] },
    days: { type: "integer", minimum: 1, maximum: 7300 },
  },
} as const;
const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", maxLength: 64 } },
} as const;

/**
 * AS2 administration under /api/v1/admin (admin keys only): the network's AS2 id and certificate, the accounts'
 * AS2 profiles and the partner certificates in them.
 */
export function as2AdminRoutes(as2: As2Context): FastifyPluginAsync {
  const { ctx } = as2;
  return async (app) => {
    app.addHook("onRequest", requireAdmin);

    app.get(
      "/admin/as2",
      { schema: { summary: "This network's AS2 id and certificates", tags } },
      async () => ({
        as2Id: as2.as2Id,
        url: `${as2.publicUrl() ?? ""}/as2`,
        certificate: (await as2.keys.current()).certificatePem,
        certificates: (await ctx.store.as2.listCertificates(networkOwner)).map(certificateView),
      }),
    );

    app.post<{ Params: { id: string }; Body: As2ProfileInput }>(
      "/admin/accounts/:id/as2-profiles",
      {
        schema: {
          summary: "Give an account an AS2 profile",
          tags,
          params: idParams,
          body: { ...profileBodySchema, required: ["as2Id"] },
          response: { 201: profileSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(profileView(await createAs2Profile(ctx, request.params.id, request.body))),
    );

    app.get<{ Params: { id: string } }>(
      "/admin/accounts/:id/as2-profiles",
      { schema: { summary: "An account's AS2 profiles", tags, params: idParams } },
      async (request) => ({ items: (await ctx.store.as2.listProfiles(request.params.id)).map(profileView) }),
    );

    app.patch<{ Params: { id: string }; Body: Partial<As2ProfileInput> }>(
      "/admin/as2-profiles/:id",
      {
        schema: {
          summary: "Change an AS2 profile",
          tags,
          params: idParams,
          body: profileBodySchema,
          response: { 200: profileSchema },
        },
      },
      async (request) => profileView(await updateAs2Profile(ctx, request.params.id, request.body)),
    );

    app.delete<{ Params: { id: string } }>(
      "/admin/as2-profiles/:id",
      { schema: { summary: "Remove an AS2 profile and its certificates", tags, params: idParams } },
      async (request, reply) => {
        if (!(await ctx.store.as2.deleteProfile(request.params.id))) {
          throw new OpenVanError("NOT_FOUND", `no AS2 profile ${request.params.id}`);
        }
        return reply.code(204).send();
      },
    );

    app.post<{ Body: { certificate: string; password?: string } }>(
      "/admin/as2/certificates",
      {
        schema: {
          summary: "Import a key pair for this network from PKCS#12 (base64); the newest valid pair signs",
          tags,
          body: {
            type: "object",
            required: ["certificate"],
            additionalProperties: false,
            properties: {
              certificate: { type: "string", minLength: 1, maxLength: 400_000 },
              password: { type: "string", maxLength: 1000 },
            },
          },
          response: { 201: certificateSchema },
        },
      },
      async (request, reply) => {
        const bytes = Buffer.from(request.body.certificate, "base64");
        const record = await importNetworkPkcs12(as2, bytes, request.body.password ?? null);
        return reply.code(201).send(certificateView(record));
      },
    );

    app.post<{ Body: GenerateBody }>(
      "/admin/as2/certificates/generate",
      {
        schema: {
          summary: "Generate a new self-signed key pair for this network (kept, never exported)",
          tags,
          body: generateBodySchema,
          response: { 201: certificateSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(certificateView(await generateNetworkCertificate(as2, request.body ?? {}))),
    );

    app.post<{ Params: { id: string }; Body: GenerateBody & { usage?: "sign" | "encrypt" | "both" } }>(
      "/admin/as2-profiles/:id/certificates/generate",
      {
        schema: {
          summary:
            "Generate a self-signed key pair for an AS2 profile: the certificate is kept, the private key is answered once and not stored",
          tags,
          params: idParams,
          body: {
            ...generateBodySchema,
            properties: {
              ...generateBodySchema.properties,
              usage: { type: "string", enum: ["sign", "encrypt", "both"] },
            },
          },
          response: {
            201: {
              type: "object",
              properties: { ...certificateSchema.properties, privateKey: { type: "string" } },
            },
          },
        },
      },
      async (request, reply) => {
        const made = await generateProfileCertificate(ctx, request.params.id, request.body ?? {});
        return reply.code(201).send({ ...certificateView(made.record), privateKey: made.privateKeyPem });
      },
    );

    app.post<{
      Params: { id: string };
      Body: { certificate: string; usage?: "sign" | "encrypt" | "both"; password?: string };
    }>(
      "/admin/as2-profiles/:id/certificates",
      {
        schema: {
          summary:
            "Add a partner certificate (PEM, or DER or PKCS#12 in base64, with its password) to an AS2 profile",
          tags,
          params: idParams,
          body: {
            type: "object",
            required: ["certificate"],
            additionalProperties: false,
            properties: {
              certificate: { type: "string", minLength: 1, maxLength: 400_000 },
              usage: { type: "string", enum: ["sign", "encrypt", "both"] },
              password: { type: "string", maxLength: 1000 },
            },
          },
          response: {
            201: { type: "object", properties: { items: { type: "array", items: certificateSchema } } },
          },
        },
      },
      async (request, reply) => {
        const text = request.body.certificate;
        const bytes = text.includes("-----BEGIN") ? Buffer.from(text, "latin1") : Buffer.from(text, "base64");
        const added = await addProfileCertificates(
          ctx,
          request.params.id,
          bytes,
          request.body.usage ?? "both",
          request.body.password ?? null,
        );
        return reply.code(201).send({ items: added.map(certificateView) });
      },
    );

    app.get<{ Params: { id: string } }>(
      "/admin/as2-profiles/:id/certificates",
      { schema: { summary: "The certificates of an AS2 profile", tags, params: idParams } },
      async (request) => {
        const profile = await requireProfile(ctx, request.params.id);
        return { items: (await ctx.store.as2.listCertificates(profile.id)).map(certificateView) };
      },
    );
  };
}
