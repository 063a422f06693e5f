import type { Kysely } from "kysely";
import type { InterchangeRepository } from "../../ports/index.js";
import type { Database } from "../schema.js";
import { interchangeFromRow } from "./interchange-from-row.js";
import { toJsonColumn } from "./json-column.js";

export function sqlInterchangeRepository(db: Kysely<Database>): InterchangeRepository {
  return {
    async insert(interchange) {
      await db
        .insertInto("interchanges")
        .values({
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
        })
        .execute();
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
      const row = await db
        .selectFrom("interchanges")
        .selectAll()
        .where("sender", "=", sender)
        .where("receiver", "=", receiver)
        .where("control", "=", control)
        .where("created_at", ">=", since)
        .where("message_id", "!=", excludeMessageId)
        .orderBy("created_at")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : interchangeFromRow(row);
    },
    async setState(id, state, reason) {
      await db.updateTable("interchanges").set({ state, reason }).where("id", "=", id).execute();
    },
  };
}
