import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type Clock, OpenVanError, systemClock } from "../../kernel/index.js";
import type { MetadataStore } from "../ports/index.js";
import { migrateToLatest } from "../sql/migrations/migrate-to-latest.js";
import type { Database } from "../sql/schema.js";
import type { SqlFlavour } from "../sql/sql-flavour.js";
import { sqlMetadataStore } from "../sql/sql-metadata-store.js";
import { postgresTypeParsers } from "./postgres-type-parsers.js";

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` */
  readonly url: string;
  /** The schema that holds OpenVAN's tables; created when missing. */
  readonly schema?: string;
  readonly maxConnections?: number;
  readonly clock?: Clock;
  /** Told when an idle pooled connection fails (the pool drops it and opens another when needed). */
  readonly onIdleError?: (error: Error) => void;
}

/** PostgreSQL locks rows, and claimers skip each other's locked jobs. Text compares byte by byte ("C"). */
const flavour: SqlFlavour = {
  capabilities: { skipLocked: true, commitLanes: 2 },
  textType: sql`text collate "C"`,
  generatedKey: "identity",
  bytesType: "bytea",
};

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;
/** Errors that mean the server could not be reached or is not accepting connections yet. */
const unreachable = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "57P03"]);

/** The scaled-out metadata store: a pool of PostgreSQL connections shared by any number of OpenVAN nodes. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<MetadataStore> {
  const schema = options.schema ?? "public";
  if (!schemaName.test(schema)) {
    throw new OpenVanError(
      "INTERNAL_INVALID_ARGUMENT",
      `"${schema}" is not a usable PostgreSQL schema name.`,
      { schema },
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    // Every connection resolves OpenVAN's unqualified table names in its schema.
    options: `-c search_path=${schema}`,
    types: postgresTypeParsers,
  });
  pool.on("error", options.onIdleError ?? (() => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, flavour, schema);
  } catch (error) {
    await db.destroy();
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && unreachable.has(code)) {
      throw new OpenVanError(
        "STORAGE_UNAVAILABLE",
        "The PostgreSQL server did not answer.",
        { code },
        { cause: error },
      );
    }
    throw error;
  }
  return sqlMetadataStore({ db, flavour, clock: options.clock ?? systemClock });
}
