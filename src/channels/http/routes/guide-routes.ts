import type { FastifyPluginAsync } from "fastify";
import { builtinGuideFiles } from "../../../edi/guides/builtin-guide-files.js";
import { builtinGuides, type GuideSet } from "../../../edi/guides/index.js";
import {
  addPartnerGuide,
  getPartnerGuide,
  type PartnerGuideInput,
  removePartnerGuide,
  updatePartnerGuide,
} from "../../../network/index.js";
import type { PartnerGuideRecord } from "../../../storage/ports/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { listSchema } from "../views/account-views.js";
import { errorResponses } from "../views/error-schema.js";

const tags = ["guides"];

const documentSchema = {
  type: "object",
  additionalProperties: true,
  description: "The guide document (the guide format of docs/guides.md).",
} as const;

const summaryProperties = {
  id: { type: "string", description: "The API id (`gde_…`), or a built-in guide's id." },
  builtin: { type: "boolean" },
  guideId: { type: "string", description: "The `id` inside the guide document." },
  partner: { type: "string", description: "The partner identity whose documents it checks; `*` for all." },
  name: { type: ["string", "null"] },
  standard: { type: ["string", "null"] },
  set: { type: ["string", "null"] },
  versions: { type: "array", items: { type: "string" } },
  extends: { type: ["string", "null"] },
  version: { type: "integer", description: "1 when added, one more on each change." },
  createdAt: { type: "string" },
  updatedAt: { type: "string" },
} as const;

const summarySchema = { type: "object", required: ["id", "builtin"], properties: summaryProperties } as const;
const guideSchema = {
  type: "object",
  required: ["id", "builtin", "guide"],
  properties: { ...summaryProperties, guide: documentSchema },
} as const;

const bodySchema = {
  type: "object",
  required: ["guide"],
  additionalProperties: false,
  properties: {
    guide: documentSchema,
    partner: {
      type: "string",
      maxLength: 40,
      description:
        "`QUAL:ID` of the partner whose documents the guide checks; `*` (or left out when adding) for all partners. Left out when changing: kept.",
    },
  },
} as const;

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 100 } },
} as const;

/**
 * `/guides`: an account's partner guides (implementation guides layered over the built-in ones when the
 * network validates what the account receives), and the built-in guides they may extend.
 */
export function guideRoutes(deps: RouteDeps): FastifyPluginAsync {
  const { ctx } = deps;
  return async (app) => {
    app.get(
      "/guides",
      {
        schema: {
          summary: "The partner guides of the caller's account",
          tags,
          response: { 200: listSchema(summarySchema), ...errorResponses(401) },
        },
      },
      async (request) => ({
        items: (await ctx.store.partnerGuides.listByAccount(principalOf(request).accountId)).map(summaryView),
      }),
    );

    app.get(
      "/guides/builtin",
      {
        schema: {
          summary: "The built-in guides: ids, names, sets and versions",
          description: "A partner guide `extends` one of these ids.",
          tags,
          response: { 200: listSchema(summarySchema), ...errorResponses(401) },
        },
      },
      async () => ({ items: builtinGuides().ids().map(builtinSummary) }),
    );

    app.get<{ Params: { id: string } }>(
      "/guides/:id",
      {
        schema: {
          summary: "A partner guide of the caller's account, or a built-in guide, with its document",
          tags,
          params: idParams,
          response: { 200: guideSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const data = builtinData(id);
        if (data !== undefined) return { ...builtinSummary(id), guide: data };
        return fullView(await getPartnerGuide(ctx, principalOf(request).accountId, id));
      },
    );

    app.post<{ Body: PartnerGuideInput }>(
      "/guides",
      {
        schema: {
          summary: "Add a partner guide",
          description:
            "The guide is checked at once (GUIDE_INVALID, 422, names the path inside it) and used from the next acknowledgment on.",
          tags,
          body: bodySchema,
          response: { 201: guideSchema, ...errorResponses(400, 401, 409, 422) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(fullView(await addPartnerGuide(ctx, principalOf(request).accountId, request.body))),
    );

    app.put<{ Params: { id: string }; Body: PartnerGuideInput }>(
      "/guides/:id",
      {
        schema: {
          summary: "Replace a partner guide's document (and its partner, when given)",
          tags,
          params: idParams,
          body: bodySchema,
          response: { 200: guideSchema, ...errorResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request) =>
        fullView(
          await updatePartnerGuide(ctx, principalOf(request).accountId, request.params.id, request.body),
        ),
    );

    app.delete<{ Params: { id: string } }>(
      "/guides/:id",
      {
        schema: {
          summary: "Remove a partner guide",
          tags,
          params: idParams,
          response: { 204: { type: "null" }, ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        await removePartnerGuide(ctx, principalOf(request).accountId, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}

function builtinData(id: string): unknown {
  return builtinGuideFiles.find((f) => (f.data as { id?: unknown }).id === id)?.data;
}

function builtinSummary(id: string): Record<string, unknown> {
  const g = builtinGuides().resolve(id);
  return {
    id,
    builtin: true,
    guideId: id,
    name: g.name,
    standard: g.standard,
    set: g.set,
    versions: g.versions,
    extends: null,
  };
}

function summaryView(r: PartnerGuideRecord): Record<string, unknown> {
  const d = r.document;
  const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
  // What the guide does not say, it inherits from the built-in guide it extends.
  let base: ReturnType<GuideSet["resolve"]> | null = null;
  try {
    base = typeof d.extends === "string" ? builtinGuides().resolve(d.extends) : null;
  } catch {
    base = null;
  }
  const versions = Array.isArray(d.versions) ? d.versions.filter((v) => typeof v === "string") : null;
  return {
    id: r.id,
    builtin: false,
    guideId: r.guideId,
    partner: r.partner === "" ? "*" : r.partner,
    name: text(d.name) ?? base?.name ?? null,
    standard: text(d.standard) ?? base?.standard ?? null,
    set: text(d.set) ?? base?.set ?? null,
    versions: versions ?? base?.versions ?? [],
    extends: text(d.extends),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function fullView(r: PartnerGuideRecord): Record<string, unknown> {
  return { ...summaryView(r), guide: r.document };
}
