import type { Kysely } from "kysely";
import type { UsageRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";
import { insertRows } from "./insert-rows.js";

export function sqlUsageRepository(db: Kysely<Database>, prepared: PreparedQueries): UsageRepository {
  return {
    async record(usage) {
      const row = {
        account_id: usage.accountId,
        message_id: usage.messageId,
        service_line: usage.serviceLine,
        kilocharacters: usage.kilocharacters,
        documents: usage.documents,
        bytes: usage.bytes,
        at: usage.at,
      };
      await prepared.run(
        db,
        "usage.record",
        (d, v: typeof row) => d.insertInto("usage_records").values(v),
        row,
      );
    },
    async recordMany(usages) {
      const rows = usages.map((usage) => ({
        account_id: usage.accountId,
        message_id: usage.messageId,
        service_line: usage.serviceLine,
        kilocharacters: usage.kilocharacters,
        documents: usage.documents,
        bytes: usage.bytes,
        at: usage.at,
      }));
      await insertRows(db, prepared, "usage.recordMany", "usage_records", rows);
    },
    /** Totals of the usage recorded at or after `from` and before `to`. */
    async totals(accountId, from, to) {
      // PostgreSQL sums integers to bigint and bigints to numeric, both handed over as text.
      const row = await db
        .selectFrom("usage_records")
        .select((eb) => [
          eb.fn.sum<number | string | null>("kilocharacters").as("kilocharacters"),
          eb.fn.sum<number | string | null>("documents").as("documents"),
          eb.fn.sum<number | string | null>("bytes").as("bytes"),
        ])
        .where("account_id", "=", accountId)
        .where("at", ">=", from)
        .where("at", "<", to)
        .executeTakeFirstOrThrow();
      return {
        kilocharacters: Number(row.kilocharacters ?? 0),
        documents: Number(row.documents ?? 0),
        bytes: Number(row.bytes ?? 0),
      };
    },
  };
}
