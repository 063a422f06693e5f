import type { Database as BetterSqlite3Database } from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * The database as Kysely's SQLite dialect sees it, with each statement prepared once and kept: Kysely prepares
 * the SQL of every query it runs, and compiling the same few dozen statements again and again costs more than
 * running them. The least recently used statement is dropped when more than `capacity` are kept. Kysely runs
 * one query at a time on the connection, so a kept statement is never in use twice at once.
 */
export function cachingStatements(database: BetterSqlite3Database, capacity = 512): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const found = kept.get(sql);
      if (found !== undefined) {
        // Most recently used last, so that the first key is the one to drop.
        kept.delete(sql);
        kept.set(sql, found);
        return found;
      }
      const statement = database.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > capacity) {
        const oldest = kept.keys().next();
        if (!oldest.done) kept.delete(oldest.value);
      }
      return statement;
    },
    close() {
      kept.clear();
      database.close();
    },
  };
}
