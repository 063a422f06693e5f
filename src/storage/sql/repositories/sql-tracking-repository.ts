import { type Kysely, sql } from "kysely";
import type { TrackingRepository } from "../../ports/index.js";
import type { Database } from "../schema.js";
import { interchangeFromRow } from "./interchange-from-row.js";
import { pageOf } from "./page-of.js";

export function sqlTrackingRepository(db: Kysely<Database>): TrackingRepository {
  return {
    /**
     * An account sees what it sent (the interchange's message is its own) and what it received (a delivery
     * of the interchange is addressed to it). `from` is inclusive, `to` exclusive; the cursor is the id of
     * the last interchange of the previous page. A document type matches one string of the JSON list exactly:
     * taking it out, quotes included, changes the text (`replace` is case-sensitive in both databases, where
     * SQLite's LIKE is not).
     */
    async search(filter, after, limit) {
      const { accountId, partner, control, docType, state, from, to } = filter;
      const rows = await db
        .selectFrom("interchanges as i")
        .selectAll("i")
        .$call((qb) =>
          accountId === undefined
            ? qb
            : qb.where((eb) =>
                eb.or([
                  eb.exists(
                    eb
                      .selectFrom("messages as m")
                      .select("m.id")
                      .whereRef("m.id", "=", "i.message_id")
                      .where("m.account_id", "=", accountId),
                  ),
                  eb.exists(
                    eb
                      .selectFrom("deliveries as d")
                      .select("d.id")
                      .whereRef("d.interchange_id", "=", "i.id")
                      .where("d.recipient_account_id", "=", accountId),
                  ),
                ]),
              ),
        )
        .$call((qb) =>
          partner === undefined
            ? qb
            : qb.where((eb) => eb.or([eb("i.sender", "=", partner), eb("i.receiver", "=", partner)])),
        )
        .$call((qb) => (control === undefined ? qb : qb.where("i.control", "=", control)))
        .$call((qb) => (state === undefined ? qb : qb.where(sql.ref<string>("i.state"), "=", state)))
        .$call((qb) =>
          docType === undefined
            ? qb
            : qb.where(sql<boolean>`replace(i.doc_types, ${JSON.stringify(docType)}, '') <> i.doc_types`),
        )
        .$call((qb) => (from === undefined ? qb : qb.where("i.created_at", ">=", from)))
        .$call((qb) => (to === undefined ? qb : qb.where("i.created_at", "<", to)))
        .$call((qb) => (after === null ? qb : qb.where("i.id", "<", after)))
        .orderBy("i.id", "desc")
        .limit(limit + 1)
        .execute();
      return pageOf(rows.map(interchangeFromRow), limit);
    },
  };
}
