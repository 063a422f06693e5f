import type { Expression } from "kysely";
import type { MetadataCapabilities } from "../ports/index.js";

/**
 * What the SQL code shared by SQLite and PostgreSQL needs to know about the database under it. Each adapter
 * supplies one; nothing else in the shared code depends on which database it is.
 */
export interface SqlFlavour {
  readonly capabilities: MetadataCapabilities;
  /** Text that compares and sorts byte by byte, as ids and ISO-8601 times need. */
  readonly textType: "text" | Expression<unknown>;
  /** How a generated integer key is declared: SQLite's `autoincrement` or a standard identity column. */
  readonly generatedKey: "autoincrement" | "identity";
  /** The column type for raw bytes. */
  readonly bytesType: "blob" | "bytea";
}
