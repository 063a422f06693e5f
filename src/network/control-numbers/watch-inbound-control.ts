import { newId } from "../../kernel/index.js";
import type {
  ControlFindingKind,
  InterchangeRecord,
  MessageRecord,
  MetadataRepositories,
} from "../../storage/ports/index.js";
import { generatedAckChannel } from "../acks/plan-acknowledgments.js";
import type { NetworkContext } from "../network-context.js";
import { recordEvent } from "../record-event.js";

/** Below this distance a lower number is a late arrival; beyond it, the sender's counter wrapped around. */
const wrapDistance = 500_000_000;

/**
 * Routing's control-number stage, in the routing transaction: keeps each sender's sequence of interchange
 * control numbers (ISA13, UNB 0020) per receiver, and records what breaks it — a duplicate, a gap (numbers
 * skipped), a late number (below one seen already) — as a finding with an event. Sequences are kept per
 * sender and receiver, as senders number per trading partner. The network's own acknowledgments, files, and
 * interchanges refused for their sender are left out; so are control numbers that are not numbers.
 */
export async function watchInboundControl(
  ctx: NetworkContext,
  tx: MetadataRepositories,
  message: MessageRecord,
  interchange: InterchangeRecord,
  receiverAccountId: string | null,
): Promise<void> {
  if (interchange.standard === "file" || message.channel === generatedAckChannel) return;
  if (interchange.state === "rejected" || !/^\d{1,15}$/.test(interchange.control)) return;
  const control = Number(interchange.control);
  const at = ctx.clock.now().toISOString();
  const note = async (kind: ControlFindingKind, missing: [number, number] | null): Promise<void> => {
    const width = interchange.control.length;
    const missingFrom = missing === null ? null : String(missing[0]).padStart(width, "0");
    const missingTo = missing === null ? null : String(missing[1]).padStart(width, "0");
    await tx.inboundControls.addFinding({
      id: newId("cnf_", ctx.clock.now().getTime()),
      kind,
      sender: interchange.sender,
      receiver: interchange.receiver,
      senderAccountId: message.accountId,
      receiverAccountId,
      control: interchange.control,
      missingFrom,
      missingTo,
      interchangeId: interchange.id,
      messageId: message.id,
      at,
    });
    await recordEvent(
      tx,
      `interchange.control_${kind}`,
      at,
      { messageId: message.id, interchangeId: interchange.id, accountId: message.accountId },
      {
        sender: interchange.sender,
        receiver: interchange.receiver,
        control: interchange.control,
        missingFrom,
        missingTo,
      },
    );
  };
  // A duplicate was refused by the duplicate check; it is noted, and does not move the sequence.
  if (interchange.state === "duplicate") return note("duplicate", null);
  const highest = await tx.inboundControls.advance(interchange.sender, interchange.receiver, control, at);
  if (highest === null) return;
  if (control > highest + 1) return note("gap", [highest + 1, control - 1]);
  if (control <= highest && highest - control <= wrapDistance) return note("late", null);
}
