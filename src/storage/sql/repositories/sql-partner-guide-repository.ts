import type { Kysely, Selectable } from "kysely";
import { OpenVanError } from "../../../kernel/index.js";
import type { PartnerGuideRecord, PartnerGuideRepository } from "../../ports/index.js";
import type { Database, PartnerGuidesTable } from "../schema.js";
import { objectColumn, toJsonColumn } from "./json-column.js";

export function sqlPartnerGuideRepository(db: Kysely<Database>): PartnerGuideRepository {
  return {
    async insert(guide) {
      try {
        await db.insertInto("partner_guides").values(toRow(guide)).execute();
      } catch (error) {
        throw uniqueViolation(error) ? idTaken(guide.guideId) : error;
      }
    },
    async update(guide, expectedVersion) {
      try {
        const result = await db
          .updateTable("partner_guides")
          .set({
            partner: guide.partner,
            guide_id: guide.guideId,
            document: toJsonColumn(guide.document),
            version: guide.version,
            updated_at: guide.updatedAt,
          })
          .where("id", "=", guide.id)
          .where("account_id", "=", guide.accountId)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      } catch (error) {
        throw uniqueViolation(error) ? idTaken(guide.guideId) : error;
      }
    },
    async get(accountId, id) {
      const row = await db
        .selectFrom("partner_guides")
        .selectAll()
        .where("id", "=", id)
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom("partner_guides")
        .selectAll()
        .where("account_id", "=", accountId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async delete(accountId, id) {
      const result = await db
        .deleteFrom("partner_guides")
        .where("id", "=", id)
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function idTaken(guideId: string): OpenVanError {
  return new OpenVanError("GUIDE_ID_TAKEN", `the account already has a guide with the id ${guideId}`, {
    path: "id",
    guide: guideId,
  });
}

/** SQLite and PostgreSQL both say "unique" in the message of a unique-constraint violation. */
function uniqueViolation(error: unknown): boolean {
  return error instanceof Error && /unique/i.test(error.message);
}

function toRow(g: PartnerGuideRecord): PartnerGuidesTable {
  return {
    id: g.id,
    account_id: g.accountId,
    partner: g.partner,
    guide_id: g.guideId,
    document: toJsonColumn(g.document),
    version: g.version,
    created_at: g.createdAt,
    updated_at: g.updatedAt,
  };
}

function fromRow(row: Selectable<PartnerGuidesTable>): PartnerGuideRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    partner: row.partner,
    guideId: row.guide_id,
    document: objectColumn(row.document),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
