import type { Kysely, Selectable } from "kysely";
import type { GeneratedAckRecord, GeneratedAckRepository } from "../../ports/index.js";
import type { GeneratedAcksTable } from "../acknowledgment-tables.js";
import type { Database } from "../schema.js";

export function sqlGeneratedAckRepository(db: Kysely<Database>): GeneratedAckRepository {
  const find = async (interchangeId: string, kind: string) =>
    db
      .selectFrom("generated_acks")
      .selectAll()
      .where("interchange_id", "=", interchangeId)
      .where("kind", "=", kind as GeneratedAckRecord["kind"])
      .executeTakeFirst();
  return {
    /** ON CONFLICT DO NOTHING, so that a second reservation neither fails the transaction nor replaces the first. */
    async reserve(ack) {
      await db
        .insertInto("generated_acks")
        .values({
          interchange_id: ack.interchangeId,
          kind: ack.kind,
          message_id: ack.messageId,
          interchange_control: ack.controls.interchange,
          group_control: ack.controls.group,
          set_control: ack.controls.set,
          generated_at: ack.generatedAt,
          state: ack.state,
        })
        .onConflict((oc) => oc.columns(["interchange_id", "kind"]).doNothing())
        .execute();
      const row = await find(ack.interchangeId, ack.kind);
      if (row === undefined)
        throw new Error(`generated_acks: the reservation of ${ack.interchangeId} vanished`);
      return fromRow(row);
    },
    async markSent(interchangeId, kind) {
      const result = await db
        .updateTable("generated_acks")
        .set({ state: "sent" })
        .where("interchange_id", "=", interchangeId)
        .where("kind", "=", kind)
        .where("state", "=", "reserved")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listByInterchange(interchangeId) {
      const rows = await db
        .selectFrom("generated_acks")
        .selectAll()
        .where("interchange_id", "=", interchangeId)
        .orderBy("kind")
        .execute();
      return rows.map(fromRow);
    },
  };
}

function fromRow(row: Selectable<GeneratedAcksTable>): GeneratedAckRecord {
  return {
    interchangeId: row.interchange_id,
    kind: row.kind,
    messageId: row.message_id,
    controls: {
      interchange: Number(row.interchange_control),
      group: Number(row.group_control),
      set: Number(row.set_control),
    },
    generatedAt: row.generated_at,
    state: row.state,
  };
}
