import type { Database as BetterSqlite3Database } from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
} from "kysely";
import type { WalSync } from "./wal-sync.js";

export interface DurableSqliteConfig {
  /** better-sqlite3's handle, for `inTransaction`. */
  readonly handle: BetterSqlite3Database;
  /** The same database as Kysely runs statements on (prepared statements kept, see cachingStatements). */
  readonly database: SqliteDatabase;
  readonly wal: WalSync;
}

/**
 * Kysely's SQLite dialect with two changes.
 *
 * Transactions take the write lock when they begin (`BEGIN IMMEDIATE`): a deferred transaction that reads and
 * then writes can fail with SQLITE_BUSY at once when another process wrote in between; an immediate one waits
 * up to the busy timeout instead. Migrations run in a transaction too (SQLite rolls back schema changes like
 * any other), so a migration cut short leaves no half-made tables.
 *
 * A commit (and a write outside any transaction) returns only once it is on disk, flushed by `WalSync` off the
 * event loop. The connection is handed to the next transaction as soon as SQLite has committed, before the
 * flush ends: the next transaction's work overlaps this one's flush instead of waiting for it.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: DurableSqliteConfig;

  constructor(config: DurableSqliteConfig) {
    super({ database: config.database });
    this.#config = config;
  }

  override createDriver(): Driver {
    return new DurableSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class DurableSqliteDriver implements Driver {
  readonly #config: DurableSqliteConfig;
  /** SQLite has one connection: whoever holds it runs queries on it, one transaction at a time. */
  #held: Promise<void> | null = null;

  constructor(config: DurableSqliteConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {}

  /** Each hold gets its own handle on the connection, so that a hold freed early is never freed twice. */
  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#held !== null) await this.#held;
    let release = (): void => {};
    this.#held = new Promise((resolve) => {
      release = resolve;
    });
    return new DurableSqliteConnection(this.#config, () => {
      this.#held = null;
      release();
    });
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
    // Committed in SQLite: the next transaction may use the connection while this one's flush runs.
    (connection as DurableSqliteConnection).release();
    await this.#config.wal.sync();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as DurableSqliteConnection).release();
  }

  async destroy(): Promise<void> {
    await this.#config.wal.close();
    this.#config.database.close();
  }
}

class DurableSqliteConnection implements DatabaseConnection {
  #released = false;

  constructor(
    private readonly config: DurableSqliteConfig,
    private readonly free: () => void,
  ) {}

  /** Ends this hold on the connection; later calls do nothing. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.free();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.config.database.prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    let result: QueryResult<R>;
    if (statement.reader) {
      result = { rows: statement.all(parameters) as R[] };
    } else {
      const { changes, lastInsertRowid } = statement.run(parameters);
      result = {
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
        rows: [],
      };
    }
    // A write on its own commits at once, and is flushed like a transaction's commit.
    if (!this.config.handle.inTransaction && !isReadonly(statement)) await this.config.wal.sync();
    return result;
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error("the SQLite store streams only select queries");
    const statement = this.config.database.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** better-sqlite3's statements say whether they write; Kysely's statement type does not declare it. */
function isReadonly(statement: object): boolean {
  return (statement as { readonly?: boolean }).readonly === true;
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
