import type {
  AckProfileRecord,
  InterchangeRecord,
  MessageRecord,
  MetadataRepositories,
} from "../../storage/ports/index.js";
import { enqueueJob } from "../jobs/enqueue-job.js";
import type { NetworkContext } from "../network-context.js";
import { interchangeItemId } from "./ack-item-ids.js";
import type { AckJob } from "./ack-job-payload.js";
import { ackWindowMs, resolveAckProfile } from "./ack-profile.js";
import { carriesAcknowledgments, carriesDocuments } from "./acknowledgment-kinds.js";

/** The channel of the messages the network makes itself: the acknowledgments it generates. */
export const generatedAckChannel = "ack";

/**
 * Routing's acknowledgment stage, in the routing transaction, for an interchange just routed: queues a
 * "reconcile" job when it carries acknowledgments, and, when its sender's profile wants acknowledgments
 * generated or expects one back, records the interchange as awaiting its answer and queues an "ack" job. Only
 * a profile lookup and a few inserts happen here; reading the interchange's bytes is the jobs' work.
 */
export async function planAcknowledgments(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  interchange: InterchangeRecord,
  ackRequested: boolean,
  recipientAccountId: string,
): Promise<void> {
  if (interchange.standard !== "x12" && interchange.standard !== "edifact") return;
  if (carriesAcknowledgments(interchange))
    await enqueueJob(ctx, tx, "reconcile", { messageId: message.id, interchangeId: interchange.id });
  // Never an acknowledgment for an acknowledgment, nor for what the network generated itself.
  if (!carriesDocuments(interchange) || message.channel === generatedAckChannel) return;
  const profile = await resolveAckProfile(tx, message.accountId, interchange.sender, interchange.receiver);
  const job = ackJobFor(profile, interchange, ackRequested, message.id, recipientAccountId);
  if (job === null) return;
  const now = ctx.clock.now();
  const at = now.toISOString();
  await tx.ackItems.insertMany([
    {
      id: interchangeItemId(interchange.id),
      interchangeId: interchange.id,
      messageId: message.id,
      accountId: message.accountId,
      level: "interchange",
      sender: interchange.sender,
      receiver: interchange.receiver,
      interchangeControl: interchange.control,
      groupControl: "",
      setControl: "",
      docType: interchange.docTypes.join(","),
      state: "awaiting",
      dueAt: new Date(now.getTime() + ackWindowMs(profile, interchange.docTypes)).toISOString(),
      ackInterchangeId: null,
      detail: null,
      createdAt: at,
      updatedAt: at,
    },
  ]);
  await enqueueJob(ctx, tx, "ack", { ...job });
}

/** What the ack job is to do for this interchange under this profile; null when there is nothing. */
export function ackJobFor(
  profile: AckProfileRecord,
  interchange: InterchangeRecord,
  ackRequested: boolean,
  messageId: string,
  acknowledgingAccountId: string,
): AckJob | null {
  const wanted = (choice: "requested" | "always" | "never"): boolean =>
    choice === "always" || (choice === "requested" && ackRequested);
  const x12 = interchange.standard === "x12";
  const kinds = {
    ta1: x12 && wanted(profile.ta1),
    functional: x12 ? profile.functional : "none",
    contrl: !x12 && wanted(profile.contrl),
  } as const;
  const generates = kinds.ta1 || kinds.functional !== "none" || kinds.contrl;
  if (!generates && !wanted(profile.expectAck)) return null;
  return {
    messageId,
    interchangeId: interchange.id,
    acknowledgingAccountId,
    ...kinds,
    rejectGroupOnSetError: profile.rejectGroupOnSetError,
  };
}
