import { mkdir, readFile } from "node:fs/promises";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { as2Product, createAs2Channel } from "../channels/as2/index.js";
import { buildApp, createOpenVanMetrics, listen, type OpenVanMetrics } from "../channels/http/index.js";
import { createSftpServer, loadSftpHostKey, type SftpServer } from "../channels/sftp/index.js";
import type { OpenVanConfig } from "../config/index.js";
import { type Clock, OpenVanError, systemClock } from "../kernel/index.js";
import {
  CommitBatcher,
  type DeliveryTransports,
  JobRunner,
  type NetworkContext,
  networkJobHandlers,
  outboundJobHandlers,
  smtpMailer,
  sweepOverdueAcks,
  sweepRetention,
} from "../network/index.js";
import { tieredBlobStore } from "../storage/blob-tiered/tiered-blob-store.js";
import { deliveryTransports } from "./delivery-transports.js";
import { openStores } from "./open-stores.js";

export interface ServicesOptions {
  readonly clock?: Clock;
  /** Where the server logs; nothing is logged when omitted. */
  readonly logger?: FastifyBaseLogger;
  /** Push transports to use instead of (or beside) the configured ones, by endpoint kind. */
  readonly transports?: DeliveryTransports;
}

/** One running OpenVAN node: its stores, workers and HTTP channel. Several can live in one process. */
export interface Services {
  readonly config: OpenVanConfig;
  readonly ctx: NetworkContext;
  readonly runner: JobRunner;
  readonly app: FastifyInstance;
  readonly metrics: OpenVanMetrics;
  /** The SFTP channel (its `port` once started), or null when it is turned off. */
  readonly sftp: SftpServer | null;
  /** Listens, starts the job workers and the retention timer; resolves with the base URL. */
  start(): Promise<string>;
  /** Stops taking requests, lets the requests and jobs under way finish, closes the stores. */
  stop(): Promise<void>;
}

/** The composition root: wires the configured stores, the network core, the workers and the HTTP channel. */
export async function openServices(config: OpenVanConfig, options: ServicesOptions = {}): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const log = options.logger;
  await mkdir(config.dataDir, { recursive: true });
  const tls =
    config.http.tls === null
      ? null
      : { cert: await readFile(config.http.tls.certFile), key: await readFile(config.http.tls.keyFile) };
  const stores = await openStores(config.database, config.blobs, clock);
  const { store } = stores;
  const commits = new CommitBatcher(store, undefined, store.capabilities.commitLanes);
  const blobs =
    config.smallBlobMaxBytes > 0
      ? tieredBlobStore({
          large: stores.blobs,
          store,
          commit: (work) => commits.run(work),
          smallMaxBytes: config.smallBlobMaxBytes,
          clock,
        })
      : stores.blobs;
  const metrics = createOpenVanMetrics();
  const ctx: NetworkContext = {
    store,
    blobs,
    clock,
    settings: config.network,
    commits,
    routed: (states) => {
      for (const state of states) metrics.interchangesRouted.inc({ state });
    },
    received: (channel, verdict) => {
      if (verdict.kind === "rejected") metrics.messagesRejected.inc({ channel, code: verdict.error.code });
      else if (!verdict.replay) metrics.messagesReceived.inc({ channel, format: verdict.format });
    },
  };
  const { smtpUrl, from } = config.notifications;
  const mailer = smtpUrl === null ? null : smtpMailer(smtpUrl, from);
  // The AS2 channel: its keys live in the database; the runner and the public URL are known only later.
  let listening: string | null = null;
  const as2 = await createAs2Channel({
    ctx,
    as2Id: config.as2.id,
    product: as2Product(),
    maxBytes: config.as2.maxBytes,
    poke: () => runner.poke(),
    publicUrl: () => config.as2.publicUrl ?? listening,
  });
  const outbound = outboundJobHandlers(ctx, {
    transports: { ...deliveryTransports(ctx, config), as2: as2.transport, ...options.transports },
    mailer,
  });
  const runner = new JobRunner(
    ctx,
    { ...networkJobHandlers(ctx), ...outbound, ...as2.jobHandlers },
    config.jobs,
  );
  const app = buildApp({
    ctx,
    jobs: runner,
    metrics,
    tls,
    maxHeaderBytes: config.http.maxHeaderBytes,
    as2,
    ...(log === undefined ? {} : { logger: log }),
  });

  // The host key is the cluster's, kept in the database; uploads poke the runner as HTTP sends do.
  const sftp =
    config.sftp === null
      ? null
      : createSftpServer({
          ctx,
          hostKey: (await loadSftpHostKey(ctx)).privateKey,
          log,
          onReceived: () => runner.poke(),
          onLogin: (result) => metrics.sftpLogins.inc({ result }),
          onConnections: (open) => metrics.sftpConnections.set(open),
        });

  let sweeper: NodeJS.Timeout | null = null;
  let overdueSweeper: NodeJS.Timeout | null = null;
  let overdueSweeping: Promise<void> = Promise.resolve();
  const sweepOverdue = (): void => {
    overdueSweeping = sweepOverdueAcks(ctx).then(
      (moved) => (moved > 0 ? log?.info({ moved }, "overdue acknowledgments") : undefined),
      (error: unknown) =>
        log?.error({ err: error }, "overdue acknowledgment sweep failed; it runs again later"),
    );
  };
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = (): void => {
    sweeping = sweepRetention(ctx).then(
      (result) => log?.info(result, "retention sweep"),
      (error: unknown) => log?.error({ err: error }, "retention sweep failed; it runs again later"),
    );
    sweeping = sweeping.then(() =>
      as2.sweepCertificates().then(
        (warned) => (warned > 0 ? log?.warn({ warned }, "AS2 certificates expiring") : undefined),
        (error: unknown) => log?.error({ err: error }, "AS2 certificate sweep failed; it runs again later"),
      ),
    );
  };
  let stopped: Promise<void> | null = null;

  return {
    config,
    ctx,
    runner,
    app,
    metrics,
    sftp,
    async start() {
      const url = await listen(app, config.http);
      listening = url;
      if (sftp !== null && config.sftp !== null) {
        await sftp.listen(config.sftp.port, config.http.host).catch((error: unknown) => {
          throw sftpListenFailure(error, config.http.host, config.sftp?.port ?? 0);
        });
      }
      runner.start();
      sweeper = setInterval(sweep, config.retentionSweepMs);
      sweeper.unref();
      overdueSweeper = setInterval(sweepOverdue, config.ackOverdueSweepMs);
      overdueSweeper.unref();
      return url;
    },
    stop() {
      stopped ??= (async () => {
        if (sweeper !== null) clearInterval(sweeper);
        if (overdueSweeper !== null) clearInterval(overdueSweeper);
        await sftp?.close();
        await app.close();
        await runner.stop();
        mailer?.close();
        await sweeping;
        await overdueSweeping;
        await blobs.close();
        await store.close();
      })();
      return stopped;
    },
  };
}

/** The SFTP port in use (or not allowed) is a setting to change, said as such; anything else is passed on. */
function sftpListenFailure(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "EADDRINUSE" && code !== "EACCES" && code !== "EADDRNOTAVAIL") return error;
  return new OpenVanError(
    "CONFIG_INVALID",
    `--sftp-port (OPENVAN_SFTP_PORT): ${host}:${port} cannot be listened on (${code}); choose another port, or off`,
    { setting: "sftpPort" },
  );
}
