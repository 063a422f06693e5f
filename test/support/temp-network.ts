import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { buildInterchange, type InterchangeJson, sequentialControlNumbers } from "../../src/edi/index.js";
import { ManualClock } from "../../src/kernel/index.js";
import {
  addIdentity,
  CommitBatcher,
  createAccount,
  createNetworkContext,
  defaultNetworkSettings,
  type NetworkContext,
  type NetworkSettings,
  receiveMessage,
} from "../../src/network/index.js";
import { openFsBlobStore } from "../../src/storage/blob-fs/fs-blob-store.js";
import type { MetadataStore } from "../../src/storage/ports/index.js";
import { openSqliteStore } from "../../src/storage/sqlite/open-sqlite-store.js";

/** A network context on a fresh SQLite file and blob folder, with a clock the test moves. */
export interface TempNetwork {
  readonly ctx: NetworkContext;
  readonly clock: ManualClock;
  readonly dir: string;
  /** Files under the blob folder, temporary ones included: what a crash or a refusal may leave behind. */
  blobFiles(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openTempNetwork(settings: Partial<NetworkSettings> = {}): Promise<TempNetwork> {
  const dir = await mkdtemp(join(tmpdir(), "openvan-network-"));
  const clock = new ManualClock("2026-03-01T09:00:00.000Z");
  const store = await openSqliteStore({ path: join(dir, "openvan.db"), clock });
  const blobs = await openFsBlobStore({ root: join(dir, "blobs") });
  const ctx = createNetworkContext({
    store,
    blobs,
    clock,
    settings: { ...defaultNetworkSettings, ...settings },
  });
  return {
    ctx,
    clock,
    dir,
    async blobFiles() {
      const entries = await readdir(join(dir, "blobs"), { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    },
    async close() {
      await store.close();
      await blobs.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A body of one chunk, as a channel would hand it over. */
export async function* bodyOf(text: string | Buffer): AsyncGenerator<Uint8Array> {
  yield typeof text === "string" ? Buffer.from(text, "latin1") : text;
}

/**
 * The network as ingest sees it when routing fails: storing an interchange throws, so that receiveMessage
 * keeps each message with a route job instead of routing it in the same transaction. Jobs run on `ctx`
 * itself route as usual.
 */
export function routingFailingAtIngest(ctx: NetworkContext): NetworkContext {
  const store: MetadataStore = {
    ...ctx.store,
    transaction: (work) =>
      ctx.store.transaction((tx) =>
        work({
          ...tx,
          interchanges: {
            ...tx.interchanges,
            insert: async () => {
              throw new Error("storing an interchange fails (as a test wants)");
            },
          },
        }),
      ),
  };
  return { ...ctx, store, commits: new CommitBatcher(store) };
}

/** Two trading partners on the network: Acme Foods (ZZ:ACMEFOODS) and Grocery Mart (ZZ:GROCERYMART). */
export interface TradingPair {
  readonly acme: string;
  readonly grocer: string;
}

export async function seedTradingPair(ctx: NetworkContext): Promise<TradingPair> {
  const acme = (await createAccount(ctx, "Acme Foods")).id;
  const grocer = (await createAccount(ctx, "Grocery Mart")).id;
  await addIdentity(ctx, acme, "ZZ:ACMEFOODS");
  await addIdentity(ctx, grocer, "ZZ:GROCERYMART");
  return { acme, grocer };
}

/** A fresh network with the trading pair, opened before each test of the file and closed after it. */
/** Acme Foods sends Grocery Mart a price list (a file, addressed explicitly); returns the message's id. */
export async function sendPriceList(ctx: NetworkContext, pair: TradingPair): Promise<string> {
  const verdict = await receiveMessage(ctx, {
    accountId: pair.acme,
    channel: "api",
    body: bodyOf("a price list"),
    to: "ZZ:GROCERYMART",
    filename: "prices.csv",
  });
  if (verdict.kind !== "accepted") throw new Error(verdict.error.message);
  return verdict.messageId;
}

export interface TradingPairNetwork<N = TempNetwork> extends TradingPair {
  readonly net: N;
}

export function useTradingPairNetwork(settings: Partial<NetworkSettings> = {}): TradingPairNetwork {
  return useTradingPairOn(() => openTempNetwork(settings));
}

/** The same, on a network `open` makes (e.g. openBackendNetwork for SQLite or PostgreSQL). */
export function useTradingPairOn<N extends { readonly ctx: NetworkContext; close(): Promise<void> }>(
  open: () => Promise<N>,
): TradingPairNetwork<N> {
  const live = {} as { net: N; acme: string; grocer: string };
  beforeEach(async () => {
    live.net = await open();
    Object.assign(live, await seedTradingPair(live.net.ctx));
  });
  afterEach(async () => {
    await live.net.close();
  });
  return live;
}

/**
 * An X12 850 (005010) interchange from Acme Foods (ZZ:ACMEFOODS) to Grocery Mart (ZZ:GROCERYMART), with
 * `control` as its interchange control number and `po` as its order number (BEG03).
 */
export function tradingPairOrder(control: number, po = `PO${control}`): InterchangeJson {
  return buildInterchange(
    {
      standard: "x12",
      sender: { qualifier: "ZZ", id: "ACMEFOODS" },
      receiver: { qualifier: "ZZ", id: "GROCERYMART" },
      groups: [
        {
          id: "PO",
          sender: "ACMEFOODS",
          receiver: "GROCERYMART",
          version: "005010",
          sets: [{ id: "850", body: [["BEG", "00", "SA", po, "", "20260301"]] }],
        },
      ],
    },
    sequentialControlNumbers({ interchange: control }),
    new Date("2026-03-01T09:00:00Z"),
  );
}
