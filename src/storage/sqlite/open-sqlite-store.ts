import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import { type Clock, systemClock } from "../../kernel/index.js";
import type { MetadataStore } from "../ports/index.js";
import { migrateToLatest } from "../sql/migrations/migrate-to-latest.js";
import type { Database } from "../sql/schema.js";
import type { SqlFlavour } from "../sql/sql-flavour.js";
import { sqlMetadataStore } from "../sql/sql-metadata-store.js";
import { cachingStatements } from "./caching-statements.js";
import { ImmediateSqliteDialect } from "./immediate-sqlite-dialect.js";
import { WalSync } from "./wal-sync.js";

export interface SqliteStoreOptions {
  /** The database file; its folder is created when missing. */
  readonly path: string;
  readonly clock?: Clock;
  /** How long a write waits for another process's write lock before failing. */
  readonly busyTimeoutMs?: number;
}

/** SQLite has no row locks to skip: it runs one write at a time, which serialises job claims. */
const flavour: SqlFlavour = {
  capabilities: { skipLocked: false, commitLanes: 1 },
  textType: "text",
  generatedKey: "autoincrement",
  bytesType: "blob",
};

/**
 * The embedded metadata store: one SQLite file in WAL mode. Kysely runs every query of the store on one
 * connection, one transaction at a time; a transaction's work must therefore use the repositories it is
 * given, never the store's own (which would wait for the transaction to end).
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<MetadataStore> {
  mkdirSync(dirname(options.path), { recursive: true });
  const database = new BetterSqlite3(options.path);
  try {
    database.pragma("journal_mode = WAL");
    // NORMAL alone lets the last commits vanish on power loss or an OS crash; OpenVAN tells a sender
    // "received" once the commit returns, so the driver flushes the WAL itself before it returns (WalSync),
    // off the event loop instead of inside SQLite's commit.
    database.pragma("synchronous = NORMAL");
    database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    // A checkpoint (run by SQLite inside a commit, on the event loop) copies the newest version of each page
    // in the WAL once: with a WAL of 10,000 pages (about 40 MB) rather than 1,000, the pages every commit
    // rewrites (the last leaf of each index) are copied a tenth as often, and the two flushes of a checkpoint
    // happen a tenth as often too. Once restarted, the WAL file is cut back to 64 MB.
    database.pragma("wal_autocheckpoint = 10000");
    database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    database.pragma("foreign_keys = ON");
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({
      handle: database,
      database: cachingStatements(database),
      wal: new WalSync(options.path),
    }),
  });
  try {
    await migrateToLatest(db, flavour);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return sqlMetadataStore({ db, flavour, clock: options.clock ?? systemClock });
}
