import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import { requireAdmin } from "../../http/authenticate.js";
import type { As2Context } from "../as2-context.js";
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
        certificate: as2.keys.certificatePem,
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

    app.post<{ Params: { id: string }; Body: { certificate: string; usage?: "sign" | "encrypt" | "both" } }>(
      "/admin/as2-profiles/:id/certificates",
      {
        schema: {
          summary: "Add a partner certificate (PEM, or DER in base64) to an AS2 profile",
          tags,
          params: idParams,
          body: {
            type: "object",
            required: ["certificate"],
            additionalProperties: false,
            properties: {
              certificate: { type: "string", minLength: 1, maxLength: 200_000 },
              usage: { type: "string", enum: ["sign", "encrypt", "both"] },
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
