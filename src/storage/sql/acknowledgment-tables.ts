import type { ColumnType } from "kysely";
import type {
  AckChoice,
  AckItemLevel,
  AckItemState,
  ControlFindingKind,
  FunctionalAckChoice,
  GeneratedAckKind,
} from "../ports/index.js";

/** The tables of migration 0004-acknowledgments (see src/storage/ports/acknowledgments.ts). */

export interface AckProfilesTable {
  account_id: string;
  /** "" for every identity of the account. */
  identity: string;
  /** "" for every partner. */
  partner: string;
  ta1: AckChoice;
  functional: FunctionalAckChoice;
  contrl: AckChoice;
  /** 1 or 0. */
  reject_group_on_set_error: number;
  expect_ack: AckChoice;
  ack_window_minutes: number;
  /** JSON object: document type → minutes. */
  doc_type_windows: string;
  updated_at: string;
}

export interface GeneratedAcksTable {
  interchange_id: string;
  kind: GeneratedAckKind;
  message_id: string;
  interchange_control: ColumnType<number, number, number>;
  group_control: ColumnType<number, number, number>;
  set_control: ColumnType<number, number, number>;
  generated_at: string;
  state: "reserved" | "sent";
}

export interface AckItemsTable {
  id: string;
  interchange_id: string;
  message_id: string;
  account_id: string;
  level: AckItemLevel;
  sender: string;
  receiver: string;
  interchange_control: string;
  group_control: string;
  set_control: string;
  doc_type: string;
  state: AckItemState;
  due_at: string | null;
  ack_interchange_id: string | null;
  detail: string | null;
  created_at: string;
  updated_at: string;
}

export interface InboundControlsTable {
  sender: string;
  receiver: string;
  /** The highest control number seen (or the last one after a wrap-around). */
  last_control: ColumnType<number, number, number>;
  /** The highest one before the last statement; what `advance` returns. */
  previous_control: ColumnType<number | null, number | null, number | null>;
  updated_at: string;
}

export interface ControlFindingsTable {
  id: string;
  kind: ControlFindingKind;
  sender: string;
  receiver: string;
  sender_account_id: string;
  receiver_account_id: string | null;
  control: string;
  missing_from: string | null;
  missing_to: string | null;
  interchange_id: string;
  message_id: string;
  at: string;
}
