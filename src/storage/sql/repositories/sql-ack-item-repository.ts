import { type Kysely, type Selectable, sql } from "kysely";
import type { AckItemRecord, AckItemRepository } from "../../ports/index.js";
import type { AckItemsTable } from "../acknowledgment-tables.js";
import type { Database } from "../schema.js";

export function sqlAckItemRepository(db: Kysely<Database>): AckItemRepository {
  return {
    async insertMany(items) {
      // In slices, to stay under SQLite's limit of bound values per statement.
      for (let i = 0; i < items.length; i += 200) {
        await db
          .insertInto("ack_items")
          .values(items.slice(i, i + 200).map(toRow))
          .onConflict((oc) => oc.column("id").doNothing())
          .execute();
      }
    },
    async get(id) {
      const row = await db.selectFrom("ack_items").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : fromRow(row);
    },
    async listByInterchange(interchangeId) {
      const rows = await db
        .selectFrom("ack_items")
        .selectAll()
        .where("interchange_id", "=", interchangeId)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async findByInterchangeControl(sender, receiver, control) {
      const newest = await db
        .selectFrom("ack_items")
        .select("interchange_id")
        .where("sender", "=", sender)
        .where("receiver", "=", receiver)
        .where("interchange_control", "=", control)
        .where("level", "=", "interchange")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      if (newest === undefined) return [];
      const rows = await db
        .selectFrom("ack_items")
        .selectAll()
        .where("interchange_id", "=", newest.interchange_id)
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async findByGroupControl(sender, receiver, groupControl, functionalId) {
      const group = await db
        .selectFrom("ack_items")
        .select(["interchange_id", "group_control"])
        .where("sender", "=", sender)
        .where("receiver", "=", receiver)
        .where("group_control", "=", groupControl)
        .where("level", "=", "group")
        .where("doc_type", "=", functionalId)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      if (group === undefined) return [];
      const rows = await db
        .selectFrom("ack_items")
        .selectAll()
        .where("interchange_id", "=", group.interchange_id)
        .where("group_control", "=", group.group_control)
        .where("level", "in", ["group", "set"])
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async settle(id, from, state, change) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable("ack_items")
        .set({
          state,
          ack_interchange_id: change.ackInterchangeId,
          detail: change.detail,
          updated_at: change.at,
        })
        .where("id", "=", id)
        .where("state", "in", from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listOverdue(now, limit) {
      const rows = await db
        .selectFrom("ack_items")
        .selectAll()
        .where("state", "=", "awaiting")
        .where("due_at", "<=", now)
        .where("level", "=", "interchange")
        .orderBy("due_at")
        .orderBy("id")
        .limit(sql.lit(Math.max(1, Math.floor(limit))))
        .execute();
      return rows.map(fromRow);
    },
  };
}

function toRow(item: AckItemRecord): AckItemsTable {
  return {
    id: item.id,
    interchange_id: item.interchangeId,
    message_id: item.messageId,
    account_id: item.accountId,
    level: item.level,
    sender: item.sender,
    receiver: item.receiver,
    interchange_control: item.interchangeControl,
    group_control: item.groupControl,
    set_control: item.setControl,
    doc_type: item.docType,
    state: item.state,
    due_at: item.dueAt,
    ack_interchange_id: item.ackInterchangeId,
    detail: item.detail,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

function fromRow(row: Selectable<AckItemsTable>): AckItemRecord {
  return {
    id: row.id,
    interchangeId: row.interchange_id,
    messageId: row.message_id,
    accountId: row.account_id,
    level: row.level,
    sender: row.sender,
    receiver: row.receiver,
    interchangeControl: row.interchange_control,
    groupControl: row.group_control,
    setControl: row.set_control,
    docType: row.doc_type,
    state: row.state,
    dueAt: row.due_at,
    ackInterchangeId: row.ack_interchange_id,
    detail: row.detail,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
