import type { Selectable } from "kysely";
import type { InterchangeRecord } from "../../ports/index.js";
import type { InterchangesTable } from "../schema.js";
import { stringListColumn } from "./json-column.js";

export function interchangeFromRow(row: Selectable<InterchangesTable>): InterchangeRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    position: row.position,
    standard: row.standard,
    sender: row.sender,
    receiver: row.receiver,
    control: row.control,
    version: row.version,
    rangeStart: row.range_start,
    rangeEnd: row.range_end,
    docTypes: stringListColumn(row.doc_types),
    setCount: row.set_count,
    state: row.state,
    reason: row.reason,
    createdAt: row.created_at,
  };
}
