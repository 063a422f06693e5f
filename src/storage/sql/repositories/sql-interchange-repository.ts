import { type Kysely, sql } from "kysely";
import type { InterchangeRepository } from "../../ports/index.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";
import { interchangeFromRow } from "./interchange-from-row.js";
import { toJsonColumn } from "./json-column.js";

export function sqlInterchangeRepository(
  db: Kysely<Database>,
  prepared: PreparedQueries,
): InterchangeRepository {
  return {
    async insert(interchange) {
      const row = {
        id: interchange.id,
        message_id: interchange.messageId,
        position: interchange.position,
        standard: interchange.standard,
        sender: interchange.sender,
        receiver: interchange.receiver,
        control: interchange.control,
        version: interchange.version,
        range_start: interchange.rangeStart,
        range_end: interchange.rangeEnd,
        doc_types: toJsonColumn(interchange.docTypes),
        set_count: interchange.setCount,
        state: interchange.state,
        reason: interchange.reason,
        created_at: interchange.createdAt,
      };
      await prepared.run(
        db,
        "interchanges.insert",
        (d, v: typeof row) => d.insertInto("interchanges").values(v),
        row,
      );
    },
    async listByMessage(messageId) {
      const rows = await db
        .selectFrom("interchanges")
        .selectAll()
        .where("message_id", "=", messageId)
        .orderBy("position")
        .execute();
      return rows.map(interchangeFromRow);
    },
    async findDuplicate(sender, receiver, control, since, excludeMessageId) {
      const { rows } = await prepared.run(
        db,
        "interchanges.findDuplicate",
        (d, v: { sender: string; receiver: string; control: string; since: string; exclude: string }) =>
          d
            .selectFrom("interchanges")
            .selectAll()
            .where("sender", "=", v.sender)
            .where("receiver", "=", v.receiver)
            .where("control", "=", v.control)
            .where("created_at", ">=", v.since)
            .where("message_id", "!=", v.exclude)
            .orderBy("created_at")
            .orderBy("id")
            .limit(sql.lit(1)),
        { sender, receiver, control, since, exclude: excludeMessageId },
      );
      const [row] = rows;
      return row === undefined ? null : interchangeFromRow(row);
    },
    async setState(id, state, reason) {
      await db.updateTable("interchanges").set({ state, reason }).where("id", "=", id).execute();
    },
  };
}
