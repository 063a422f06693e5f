import { type Command, InvalidArgumentError } from "commander";
import type { CliIo } from "../cli-io.js";
import type { ApiClient } from "./api-client.js";
import type { TrackQuery } from "./api-types.js";
import { formatTimeline, formatTrackedLine } from "./format-tracking.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

export interface TrackOptions extends ServerOptions, TrackQuery {
  readonly limit: number;
  readonly json?: boolean;
}

const defaultLimit = 100;

/** `openvan track`: searches interchanges by partner, control number, doc type, state and date; or one message's timeline. */
export function addTrackCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  withServerOptions(
    program
      .command("track")
      .description("search what you sent and received, or show one message's timeline with its events")
      .argument("[message-id]", "show this message: its state, interchanges, deliveries and every event")
      .option("--partner <QUAL:ID>", "sender or receiver identity")
      .option("--control <number>", "interchange control number")
      .option("--doc-type <type>", "transaction set / message type, e.g. 850 or ORDERS")
      .option("--state <state>", "accepted, rejected, duplicate, unroutable, routed")
      .option("--from <date>", "received at or after this date / time (ISO 8601)")
      .option("--to <date>", "received before this date / time (ISO 8601)")
      .option(
        "--limit <n>",
        `show at most N interchanges (default ${defaultLimit})`,
        positiveInteger,
        defaultLimit,
      )
      .option("--json", "print the server's answer as JSON (one object per interchange, one per line)"),
  ).action(async (messageId: string | undefined, options: TrackOptions) => {
    await runClientAction(io, setExitCode, () => track(clientFor(options), messageId, options, io));
  });
}

export async function track(
  client: ApiClient,
  messageId: string | undefined,
  options: TrackOptions,
  io: CliIo,
): Promise<number> {
  if (messageId !== undefined) {
    const story = await client.message(messageId);
    io.stdout.write(options.json ? `${JSON.stringify(story)}\n` : formatTimeline(story));
    return 0;
  }
  const query: TrackQuery = {
    partner: options.partner,
    control: options.control,
    docType: options.docType,
    state: options.state,
    from: options.from,
    to: options.to,
  };
  let shown = 0;
  let more = false;
  let page = await client.trackPage(query, undefined, Math.min(options.limit, 500));
  for (;;) {
    for (const interchange of page.items) {
      if (shown === options.limit) {
        more = true;
        break;
      }
      shown += 1;
      io.stdout.write(
        options.json ? `${JSON.stringify(interchange)}\n` : `${formatTrackedLine(interchange)}\n`,
      );
    }
    if (page.next === null) break;
    if (shown === options.limit) {
      more = true;
      break;
    }
    page = await client.trackPage(query, page.next);
  }
  if (!options.json) {
    const hint = more ? " (there are more: raise --limit or narrow the search)" : "";
    io.stdout.write(`${shown} ${shown === 1 ? "interchange" : "interchanges"}${hint}\n`);
  }
  return 0;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError("expected a whole number above 0");
  return value;
}
