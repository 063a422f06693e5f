import { type Kysely, type Selectable, sql } from "kysely";
import type { ControlFindingRecord, InboundControlRepository } from "../../ports/index.js";
import type { ControlFindingsTable } from "../acknowledgment-tables.js";
import type { PreparedQueries } from "../prepared-queries.js";
import type { Database } from "../schema.js";
import { pageOf } from "./page-of.js";

/** A number this far below the highest seen starts the sequence again (a counter that wrapped around). */
const wrapDistance = 500_000_000;

export function sqlInboundControlRepository(
  db: Kysely<Database>,
  prepared: PreparedQueries,
): InboundControlRepository {
  return {
    /**
     * One upsert that keeps the highest number and hands back the one before: in an UPDATE every column on the
     * right-hand side is the old row's, so `previous_control` gets the old `last_control`. Concurrent routings
     * of one pair queue on the row, so each sees the number of the one before it.
     */
    async advance(sender, receiver, control, at) {
      // Routing runs this for every interchange: a prepared statement, built and compiled once.
      const { rows } = await prepared.run(
        db,
        "inboundControls.advance",
        (d, v: { sender: string; receiver: string; control: number; at: string }) =>
          d
            .insertInto("inbound_controls")
            .values({
              sender: v.sender,
              receiver: v.receiver,
              last_control: v.control,
              previous_control: null,
              updated_at: v.at,
            })
            .onConflict((oc) =>
              oc.columns(["sender", "receiver"]).doUpdateSet({
                previous_control: sql<number>`inbound_controls.last_control`,
                last_control: sql<number>`case
              when excluded.last_control > inbound_controls.last_control
                or inbound_controls.last_control - excluded.last_control > ${sql.lit(wrapDistance)}
              then excluded.last_control else inbound_controls.last_control end`,
                updated_at: sql<string>`excluded.updated_at`,
              }),
            )
            .returning("previous_control"),
        { sender, receiver, control, at },
      );
      const [row] = rows;
      if (row === undefined) throw new Error("inbound control upsert returned no row");
      return row.previous_control === null ? null : Number(row.previous_control);
    },
    async addFinding(finding) {
      const row = {
        id: finding.id,
        kind: finding.kind,
        sender: finding.sender,
        receiver: finding.receiver,
        sender_account_id: finding.senderAccountId,
        receiver_account_id: finding.receiverAccountId,
        control: finding.control,
        missing_from: finding.missingFrom,
        missing_to: finding.missingTo,
        interchange_id: finding.interchangeId,
        message_id: finding.messageId,
        at: finding.at,
      };
      // Out-of-order arrivals make findings common under load: a prepared statement, built once.
      await prepared.run(
        db,
        "inboundControls.addFinding",
        (d, v: typeof row) => d.insertInto("control_findings").values(v),
        row,
      );
    },
    async listFindings(filter, after, limit) {
      const { accountId, sender, kind } = filter;
      const rows = await db
        .selectFrom("control_findings")
        .selectAll()
        .$call((qb) =>
          accountId === undefined
            ? qb
            : qb.where((eb) =>
                eb.or([eb("sender_account_id", "=", accountId), eb("receiver_account_id", "=", accountId)]),
              ),
        )
        .$call((qb) => (sender === undefined ? qb : qb.where("sender", "=", sender)))
        .$call((qb) => (kind === undefined ? qb : qb.where("kind", "=", kind)))
        .$call((qb) => (after === null ? qb : qb.where("id", "<", after)))
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      return pageOf(rows.map(fromRow), limit);
    },
  };
}

function fromRow(row: Selectable<ControlFindingsTable>): ControlFindingRecord {
  return {
    id: row.id,
    kind: row.kind,
    sender: row.sender,
    receiver: row.receiver,
    senderAccountId: row.sender_account_id,
    receiverAccountId: row.receiver_account_id,
    control: row.control,
    missingFrom: row.missing_from,
    missingTo: row.missing_to,
    interchangeId: row.interchange_id,
    messageId: row.message_id,
    at: row.at,
  };
}
