import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { OpenVanError } from "../../kernel/index.js";
import type { NetworkContext } from "../../network/index.js";
import { authenticate } from "./authenticate.js";
import { clientErrorHandler } from "./client-error-handler.js";
import {
  CredentialCache,
  type CredentialCacheOptions,
  defaultCredentialCacheOptions,
} from "./credential-cache.js";
import { registerDocs } from "./docs-plugin.js";
import { drainRefusedBody } from "./drain-refused-body.js";
import { errorBody, toOpenVanError } from "./error-reply.js";
import { createOpenVanMetrics, type OpenVanMetrics } from "./openvan-metrics.js";
import type { RouteDeps } from "./route-deps.js";
import { ackProfileRoutes } from "./routes/ack-profile-routes.js";
import { adminRoutes } from "./routes/admin-routes.js";
import { adminUserRoutes } from "./routes/admin-user-routes.js";
import { controlFindingRoutes } from "./routes/control-finding-routes.js";
import { deliveryPushRoute } from "./routes/delivery-push-route.js";
import { guideRoutes } from "./routes/guide-routes.js";
import { healthRoutes } from "./routes/health-routes.js";
import { identityRoutes } from "./routes/identity-routes.js";
import { mailboxContentRoute } from "./routes/mailbox-content-route.js";
import { mailboxRoutes } from "./routes/mailbox-routes.js";
import { messageStoryRoute } from "./routes/message-story-route.js";
import { pushAdminRoutes } from "./routes/push-admin-routes.js";
import { sendMessageRoute } from "./routes/send-message-route.js";
import { sessionRoutes } from "./routes/session-routes.js";
import { sftpLoginRoutes } from "./routes/sftp-login-routes.js";
import { trackRoute } from "./routes/track-route.js";
import { webhookRoutes } from "./routes/webhook-routes.js";

export interface AppDeps {
  readonly ctx: NetworkContext;
  /** The local job runner, poked when a message was received so that routing starts at once. */
  readonly jobs?: { poke(): void } | null;
  /** This instance's metrics; a fresh set when omitted. */
  readonly metrics?: OpenVanMetrics;
  /** Where requests are logged; nothing is logged when omitted. */
  readonly logger?: FastifyBaseLogger;
  /** Serve HTTPS (TLS 1.2 or later) with this certificate chain and private key, in PEM. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer } | null;
  /** Largest size of a request's headers, in bytes (Node's default: 16 KB). */
  readonly maxHeaderBytes?: number;
  /** How long checked API keys and sessions are trusted without a database lookup (default 5 s). */
  readonly credentialCache?: CredentialCacheOptions;
  /** The AS2 channel: `/as2` at the root, its admin routes under `/api/v1`; none when omitted. */
  readonly as2?: { readonly route: FastifyPluginAsync; readonly adminRoutes: FastifyPluginAsync } | null;
}

/**
 * Builds the HTTP channel of one OpenVAN instance: the REST API under `/api/v1`, its OpenAPI at `/docs`,
 * `/healthz` and `/metrics`. Nothing listens yet (see server.ts); tests call `inject()` on the result.
 */
export function buildApp(deps: AppDeps): FastifyInstance {
  const metrics = deps.metrics ?? createOpenVanMetrics();
  const credentials = new CredentialCache(deps.credentialCache ?? defaultCredentialCacheOptions);
  const routeDeps: RouteDeps = { ctx: deps.ctx, metrics, jobs: deps.jobs ?? null, credentials };
  const node = deps.maxHeaderBytes === undefined ? {} : { maxHeaderSize: deps.maxHeaderBytes };
  const options: FastifyServerOptions & Record<string, unknown> = {
    ...(deps.logger === undefined ? { logger: false } : { loggerInstance: deps.logger }),
    // Uploads are streamed to the blob store, so they may take long: no request timeout.
    requestTimeout: 0,
    // Requests are counted and timed in /metrics; the log keeps what needs a look.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true } },
    ...(deps.tls
      ? { https: { ...node, cert: deps.tls.cert, key: deps.tls.key, minVersion: "TLSv1.2" } }
      : { http: node }),
  };
  // The HTTPS server hands routes the same request and response objects as the HTTP one; the type of the
  // instance differs only in the server it wraps.
  const app = Fastify(options) as unknown as FastifyInstance;
  app.decorateRequest("principal", null);

  app.setErrorHandler((error, request, reply) => {
    if (request.raw.socket?.destroyed) {
      // The client went away (an upload cut off): nobody is left to answer.
      request.log.info({ err: error }, "client closed the connection");
      return reply.code(499).send();
    }
    const failure = toOpenVanError(error);
    if (failure.category === "bug") request.log.error({ err: error }, "request failed");
    if (failure.code === "UNAUTHENTICATED") reply.header("www-authenticate", 'Bearer realm="openvan"');
    // An upload refused before its end (too large, a bad key): read the rest so the client gets this answer.
    drainRefusedBody(request.raw);
    return reply.code(failure.httpStatus).type("application/json; charset=utf-8").send(errorBody(failure));
  });
  app.setNotFoundHandler((request, reply) => {
    const failure = new OpenVanError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`);
    return reply.code(404).send(errorBody(failure));
  });
  app.addHook("onResponse", async (request, reply) => {
    metrics.httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unknown",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  registerDocs(app);
  app.register(healthRoutes(routeDeps));
  if (deps.as2) app.register(deps.as2.route);
  // Signing in needs no credentials yet: outside the authentication hook of the rest of the API.
  app.register(sessionRoutes(routeDeps), { prefix: "/api/v1" });
  app.register(
    async (api) => {
      api.addHook("onRequest", authenticate(deps.ctx, credentials));
      api.register(sendMessageRoute(routeDeps));
      api.register(messageStoryRoute(routeDeps));
      api.register(mailboxRoutes(routeDeps));
      api.register(mailboxContentRoute(routeDeps));
      api.register(trackRoute(routeDeps));
      api.register(identityRoutes(routeDeps));
      api.register(adminRoutes(routeDeps));
      api.register(ackProfileRoutes(routeDeps));
      api.register(controlFindingRoutes(routeDeps));
      api.register(adminUserRoutes(routeDeps));
      api.register(webhookRoutes(routeDeps));
      api.register(deliveryPushRoute(routeDeps));
      api.register(pushAdminRoutes(routeDeps));
      api.register(sftpLoginRoutes(routeDeps));
      api.register(guideRoutes(routeDeps));
      if (deps.as2) api.register(deps.as2.adminRoutes);
    },
    { prefix: "/api/v1" },
  );
  return app;
}
