import { type Kysely, Migrator } from "kysely";
import type { Database } from "../schema.js";
import type { SqlFlavour } from "../sql-flavour.js";
import { sqlMigrations } from "./sql-migrations.js";

/**
 * Brings the metadata database up to the latest migration. `schema` names the PostgreSQL schema that holds
 * the tables and Kysely's migration bookkeeping (other schemas of the same database are left alone).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  flavour: SqlFlavour,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => sqlMigrations(flavour) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}
