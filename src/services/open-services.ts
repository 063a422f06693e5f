import { mkdir, readFile } from "node:fs/promises";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { buildApp, createOpenVanMetrics, listen, type OpenVanMetrics } from "../channels/http/index.js";
import type { OpenVanConfig } from "../config/index.js";
import { type Clock, systemClock } from "../kernel/index.js";
import { CommitBatcher, JobRunner, type NetworkContext, sweepRetention } from "../network/index.js";
import { tieredBlobStore } from "../storage/blob-tiered/tiered-blob-store.js";
import { countedJobHandlers } from "./counted-job-handlers.js";
import { openStores } from "./open-stores.js";

export interface ServicesOptions {
  readonly clock?: Clock;
  /** Where the server logs; nothing is logged when omitted. */
  readonly logger?: FastifyBaseLogger;
}

/** One running OpenVAN node: its stores, workers and HTTP channel. Several can live in one process. */
export interface Services {
  readonly config: OpenVanConfig;
  readonly ctx: NetworkContext;
  readonly runner: JobRunner;
  readonly app: FastifyInstance;
  readonly metrics: OpenVanMetrics;
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
  const commits = new CommitBatcher(store);
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
  const ctx: NetworkContext = { store, blobs, clock, settings: config.network, commits };
  const metrics = createOpenVanMetrics();
  const runner = new JobRunner(ctx, countedJobHandlers(ctx, metrics), config.jobs);
  const app = buildApp({
    ctx,
    jobs: runner,
    metrics,
    tls,
    maxHeaderBytes: config.http.maxHeaderBytes,
    ...(log === undefined ? {} : { logger: log }),
  });

  let sweeper: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = (): void => {
    sweeping = sweepRetention(ctx).then(
      (result) => log?.info(result, "retention sweep"),
      (error: unknown) => log?.error({ err: error }, "retention sweep failed; it runs again later"),
    );
  };
  let stopped: Promise<void> | null = null;

  return {
    config,
    ctx,
    runner,
    app,
    metrics,
    async start() {
      const url = await listen(app, config.http);
      runner.start();
      sweeper = setInterval(sweep, config.retentionSweepMs);
      sweeper.unref();
      return url;
    },
    stop() {
      stopped ??= (async () => {
        if (sweeper !== null) clearInterval(sweeper);
        await app.close();
        await runner.stop();
        await sweeping;
        await blobs.close();
        await store.close();
      })();
      return stopped;
    },
  };
}
