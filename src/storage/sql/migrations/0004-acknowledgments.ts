import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import type { SqlFlavour } from "../sql-flavour.js";

const required = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

/**
 * Acknowledgments: the senders' profiles, the acknowledgments the network generated (one per interchange and
 * kind), the outbound items waiting for an answer, and inbound control-number sequences with their findings.
 * Generated control numbers use the existing control_numbers table.
 */
export async function up(db: Kysely<unknown>, flavour: SqlFlavour): Promise<void> {
  const text = flavour.textType;

  await db.schema
    .createTable("ack_profiles")
    .addColumn("account_id", text, (col) => col.notNull().references("accounts.id"))
    .addColumn("identity", text, required)
    .addColumn("partner", text, required)
    .addColumn("ta1", text, required)
    .addColumn("functional", text, required)
    .addColumn("contrl", text, required)
    .addColumn("reject_group_on_set_error", "integer", required)
    .addColumn("expect_ack", text, required)
    .addColumn("ack_window_minutes", "integer", required)
    .addColumn("doc_type_windows", text, required)
    .addColumn("updated_at", text, required)
    .addPrimaryKeyConstraint("ack_profiles_pk", ["account_id", "identity", "partner"])
    .execute();

  await db.schema
    .createTable("generated_acks")
    .addColumn("interchange_id", text, required)
    .addColumn("kind", text, required)
    .addColumn("message_id", text, required)
    .addColumn("interchange_control", "bigint", required)
    .addColumn("group_control", "bigint", required)
    .addColumn("set_control", "bigint", required)
    .addColumn("generated_at", text, required)
    .addColumn("state", text, required)
    .addPrimaryKeyConstraint("generated_acks_pk", ["interchange_id", "kind"])
    .execute();

  await db.schema
    .createTable("ack_items")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("interchange_id", text, required)
    .addColumn("message_id", text, required)
    .addColumn("account_id", text, required)
    .addColumn("level", text, required)
    .addColumn("sender", text, required)
    .addColumn("receiver", text, required)
    .addColumn("interchange_control", text, required)
    .addColumn("group_control", text, required)
    .addColumn("set_control", text, required)
    .addColumn("doc_type", text, required)
    .addColumn("state", text, required)
    .addColumn("due_at", text)
    .addColumn("ack_interchange_id", text)
    .addColumn("detail", text)
    .addColumn("created_at", text, required)
    .addColumn("updated_at", text, required)
    .execute();
  await db.schema
    .createIndex("ack_items_interchange")
    .on("ack_items")
    .columns(["interchange_id", "id"])
    .execute();
  // A TA1 or CONTRL names the interchange; a 997 / 999 names the group (AK102).
  await db.schema
    .createIndex("ack_items_interchange_control")
    .on("ack_items")
    .columns(["sender", "receiver", "interchange_control", "id"])
    .execute();
  await db.schema
    .createIndex("ack_items_group_control")
    .on("ack_items")
    .columns(["sender", "receiver", "group_control", "id"])
    .execute();
  await db.schema.createIndex("ack_items_due").on("ack_items").columns(["state", "due_at", "id"]).execute();

  await db.schema
    .createTable("inbound_controls")
    .addColumn("sender", text, required)
    .addColumn("receiver", text, required)
    .addColumn("last_control", "bigint", required)
    .addColumn("previous_control", "bigint")
    .addColumn("updated_at", text, required)
    .addPrimaryKeyConstraint("inbound_controls_pk", ["sender", "receiver"])
    .execute();

  await db.schema
    .createTable("control_findings")
    .addColumn("id", text, (col) => col.primaryKey())
    .addColumn("kind", text, required)
    .addColumn("sender", text, required)
    .addColumn("receiver", text, required)
    .addColumn("sender_account_id", text, required)
    .addColumn("receiver_account_id", text)
    .addColumn("control", text, required)
    .addColumn("missing_from", text)
    .addColumn("missing_to", text)
    .addColumn("interchange_id", text, required)
    .addColumn("message_id", text, required)
    .addColumn("at", text, required)
    .execute();
  await db.schema
    .createIndex("control_findings_sender")
    .on("control_findings")
    .columns(["sender", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["control_findings", "inbound_controls", "ack_items", "generated_acks", "ack_profiles"])
    await db.schema.dropTable(table).execute();
}
