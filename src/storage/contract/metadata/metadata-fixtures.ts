import { newId } from "../../../kernel/index.js";
import type {
  AccountRecord,
  DeliveryRecord,
  InterchangeRecord,
  MessageRecord,
  MetadataRepositories,
} from "../../ports/index.js";

let sequence = 0;

/** Ids that sort in the order they are made, even within one millisecond. */
export function orderedId(prefix: string): string {
  sequence += 1;
  return newId(prefix, Date.now() + sequence);
}

/** An ISO-8601 time `seconds` after a fixed start. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 2, 1) + seconds * 1000).toISOString();
}

export async function insertAccount(
  store: MetadataRepositories,
  name = orderedId("acct-"),
): Promise<AccountRecord> {
  const account: AccountRecord = { id: orderedId("acc_"), name, createdAt: at(0) };
  await store.accounts.insert(account);
  return account;
}

export function aMessage(accountId: string, fields: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: orderedId("msg_"),
    accountId,
    channel: "http",
    blobKey: orderedId(""),
    size: 1234,
    sha256: "a".repeat(64),
    format: "x12",
    filename: null,
    toIdentity: null,
    idempotencyKey: null,
    state: "received",
    reason: null,
    receivedAt: at(10),
    ...fields,
  };
}

export function anInterchange(messageId: string, fields: Partial<InterchangeRecord> = {}): InterchangeRecord {
  return {
    id: orderedId("ich_"),
    messageId,
    position: 0,
    standard: "x12",
    sender: "ZZ:SENDER",
    receiver: "ZZ:RECEIVER",
    control: "000000001",
    version: "00401",
    rangeStart: 0,
    rangeEnd: 500,
    docTypes: ["850"],
    setCount: 1,
    state: "accepted",
    reason: null,
    createdAt: at(20),
    ...fields,
  };
}

export function aDelivery(
  message: MessageRecord,
  recipientAccountId: string,
  fields: Partial<DeliveryRecord> = {},
): DeliveryRecord {
  return {
    id: orderedId("dlv_"),
    messageId: message.id,
    interchangeId: null,
    senderAccountId: message.accountId,
    recipientAccountId,
    fromIdentity: "ZZ:SENDER",
    toIdentity: "ZZ:RECEIVER",
    route: "mailbox",
    blobKey: message.blobKey,
    rangeStart: 0,
    rangeEnd: message.size,
    format: message.format,
    docTypes: ["850"],
    state: "in_mailbox",
    createdAt: at(30),
    pickedUpAt: null,
    expiresAt: null,
    ...fields,
  };
}
