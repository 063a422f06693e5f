import type { Migration } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";
import * as initial from "./0001-initial.js";
import * as lookupIndexes from "./0002-lookup-indexes.js";
import * as smallBlobs from "./0003-small-blobs.js";
import * as acknowledgments from "./0004-acknowledgments.js";
import * as sftpLogins from "./0005-sftp-logins.js";
import * as as2 from "./0006-as2.js";
import * as pushWebhooks from "./0007-push-webhooks.js";
import * as interchangeClaims from "./0008-interchange-claims.js";
import * as users from "./0008-users.js";
import * as partnerGuides from "./0009-partner-guides.js";
import * as blobRemoval from "./0010-blob-removal.js";

/** The migrations of the metadata database, in order, by name (Kysely runs them sorted by name). */
export function sqlMigrations(flavour: SqlFlavour): Record<string, Migration> {
  return {
    "0001-initial": { up: (db) => initial.up(db, flavour), down: initial.down },
    "0002-lookup-indexes": lookupIndexes,
    "0003-small-blobs": { up: (db) => smallBlobs.up(db, flavour), down: smallBlobs.down },
    "0004-acknowledgments": { up: (db) => acknowledgments.up(db, flavour), down: acknowledgments.down },
    "0005-sftp-logins": { up: (db) => sftpLogins.up(db, flavour), down: sftpLogins.down },
    "0006-as2": { up: (db) => as2.up(db, flavour), down: as2.down },
    "0008-interchange-claims": {
      up: (db) => interchangeClaims.up(db, flavour),
      down: interchangeClaims.down,
    },
    "0008-users": { up: (db) => users.up(db, flavour), down: users.down },
    "0007-push-webhooks": { up: (db) => pushWebhooks.up(db, flavour), down: pushWebhooks.down },
    "0009-partner-guides": { up: (db) => partnerGuides.up(db, flavour), down: partnerGuides.down },
    "0010-blob-removal": { up: (db) => blobRemoval.up(db, flavour), down: blobRemoval.down },
  };
}
