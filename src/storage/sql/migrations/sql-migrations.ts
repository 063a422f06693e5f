import type { Migration } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";
import * as initial from "./0001-initial.js";

/** The migrations of the metadata database, in order, by name (Kysely runs them sorted by name). */
export function sqlMigrations(flavour: SqlFlavour): Record<string, Migration> {
  return {
    "0001-initial": { up: (db) => initial.up(db, flavour), down: initial.down },
  };
}
