import type { Migration } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";
import * as initial from "./0001-initial.js";
import * as lookupIndexes from "./0002-lookup-indexes.js";
import * as smallBlobs from "./0003-small-blobs.js";

/** The migrations of the metadata database, in order, by name (Kysely runs them sorted by name). */
export function sqlMigrations(flavour: SqlFlavour): Record<string, Migration> {
  return {
    "0001-initial": { up: (db) => initial.up(db, flavour), down: initial.down },
    "0002-lookup-indexes": lookupIndexes,
    "0003-small-blobs": { up: (db) => smallBlobs.up(db, flavour), down: smallBlobs.down },
  };
}
