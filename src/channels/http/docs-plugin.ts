import { readFileSync } from "node:fs";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route's body is raw bytes of any type; OpenAPI shows it so (route schemas cannot validate a stream). */
    openapiRawBody?: boolean;
  }
}

const rawBody = {
  description: "The message: X12, EDIFACT or any file, as raw bytes (any content type).",
  content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
};

/**
 * OpenAPI 3 built from the route schemas, served at `/docs` (UI) and `/docs/json`. Registered on the root
 * instance itself (not inside a plugin of its own) so that it sees every route.
 */
export function registerDocs(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "OpenVAN API",
        description:
          "Send X12, EDIFACT and any file; pick them up from the mailbox; track every step. " +
          'Errors are `{"error":{"code","message",…}}` with the codes of docs/errors.md.',
        version: openVanVersion(),
      },
      components: {
        securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An OpenVAN API key." } },
      },
      security: [{ apiKey: [] }],
    },
    transform: ({ schema, url, route }) => {
      const raw = route.config?.openapiRawBody === true;
      return { schema: raw ? { ...schema, body: rawBody } : schema, url };
    },
  });
  app.register(swaggerUi, { routePrefix: "/docs" });
}

/** The version in package.json, three folders up from both src/channels/http/ and dist/channels/http/. */
function openVanVersion(): string {
  const text = readFileSync(new URL("../../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
