import type { FastifyPluginAsync } from "fastify";
import { OpenVanError } from "../../../kernel/index.js";
import { searchTracking } from "../../../network/index.js";
import { principalOf } from "../authenticate.js";
import type { RouteDeps } from "../route-deps.js";
import { errorResponses } from "../views/error-schema.js";
import { interchangeSchema, interchangeStateNames, interchangeView } from "../views/interchange-view.js";
import { nextPagePath, pageSchema } from "../views/page-schema.js";

interface TrackQuery {
  partner?: string;
  control?: string;
  docType?: string;
  state?: string;
  from?: string;
  to?: string;
  limit: number;
  after?: string;
}

const text = (description: string) => ({ type: "string", minLength: 1, maxLength: 100, description });

/** `GET /track`: interchanges and files the account sent or received, newest first. */
export function trackRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: TrackQuery }>(
      "/track",
      {
        schema: {
          summary: "Search what the account sent or received",
          tags: ["tracking"],
          querystring: {
            type: "object",
            properties: {
              partner: text("Sender or receiver identity, QUAL:ID."),
              control: text("Interchange control number."),
              docType: text("Transaction set / message type, e.g. 850 or ORDERS."),
              state: { type: "string", enum: interchangeStateNames },
              from: text("From this time on (ISO-8601 date or time), inclusive."),
              to: text("Up to this time (ISO-8601), exclusive; a date alone includes that whole day."),
              limit: { type: "integer", minimum: 1, maximum: 500, default: 100 },
              after: {
                type: "string",
                maxLength: 64,
                description: "Cursor: the last id of the previous page.",
              },
            },
          },
          response: { 200: pageSchema(interchangeSchema), ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const { limit, after, ...filter } = request.query;
        const page = await searchTracking(
          deps.ctx,
          principalOf(request),
          {
            ...filter,
            from: filter.from === undefined ? undefined : isoTime(filter.from, "from", false),
            to: filter.to === undefined ? undefined : isoTime(filter.to, "to", true),
          },
          after ?? null,
          limit,
        );
        return {
          items: page.items.map(interchangeView),
          next: nextPagePath("/api/v1/track", { ...filter, limit }, page.next),
        };
      },
    );
  };
}

/** An ISO-8601 date or time as the stored form (UTC, milliseconds); a date alone as an `to` bound ends its day. */
function isoTime(value: string, field: string, endOfDay: boolean): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = new Date(dateOnly ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(time.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new OpenVanError("REQUEST_INVALID", `${field}: "${value}" is not an ISO-8601 date or time`, {
      field,
    });
  }
  if (dateOnly && endOfDay) time.setUTCDate(time.getUTCDate() + 1);
  return time.toISOString();
}
