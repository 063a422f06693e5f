import type { Kysely } from "kysely";
import { OpenVanError } from "../../../kernel/index.js";
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
    async setState(id, state, reason) {
      await db.updateTable("interchanges").set({ state, reason }).where("id", "=", id).execute();
    },
    async claimControl(claim, since) {
      const values = {
        sender: claim.sender,
        receiver: claim.receiver,
        control: claim.control,
        message_id: claim.messageId,
        position: claim.position,
        claimed_at: claim.at,
        since,
      };
      // One statement: a new key is inserted; a key held by an expired claim (or by this same message, routed
      // again) is taken over; a key held by a live claim is left alone and no row comes back. On PostgreSQL a
      // second transaction claiming a key the first has not committed yet waits here for the first to finish.
      const { rows: claimed } = await prepared.run(
        db,
        "interchanges.claimControl",
        (d, v: typeof values) =>
          d
            .insertInto("interchange_claims")
            .values({
              sender: v.sender,
              receiver: v.receiver,
              control: v.control,
              message_id: v.message_id,
              position: v.position,
              claimed_at: v.claimed_at,
            })
            .onConflict((oc) =>
              oc
                .columns(["sender", "receiver", "control"])
                .doUpdateSet((eb) => ({
                  message_id: eb.ref("excluded.message_id"),
                  position: eb.ref("excluded.position"),
                  claimed_at: eb.ref("excluded.claimed_at"),
                }))
                .where((eb) =>
                  eb.or([
                    eb("interchange_claims.claimed_at", "<", v.since),
                    eb("interchange_claims.message_id", "=", eb.ref("excluded.message_id")),
                  ]),
                ),
            )
            .returning("message_id"),
        values,
      );
      if (claimed.length > 0) return null;
      const { rows } = await prepared.run(
        db,
        "interchanges.heldClaim",
        (d, v: { sender: string; receiver: string; control: string }) =>
          d
            .selectFrom("interchange_claims as c")
            .leftJoin("interchanges as i", (join) =>
              join.onRef("i.message_id", "=", "c.message_id").onRef("i.position", "=", "c.position"),
            )
            .select(["c.message_id", "i.id as interchange_id"])
            .where("c.sender", "=", v.sender)
            .where("c.receiver", "=", v.receiver)
            .where("c.control", "=", v.control),
        { sender: claim.sender, receiver: claim.receiver, control: claim.control },
      );
      const [held] = rows;
      // The statement above locked the claim (PostgreSQL locks a conflicting row even when it does not update
      // it; SQLite holds the database), so it is still there.
      if (held === undefined) {
        throw new OpenVanError("INTERNAL_ERROR", "an interchange claim vanished within its transaction");
      }
      return { messageId: held.message_id, interchangeId: held.interchange_id ?? null };
    },
  };
}
