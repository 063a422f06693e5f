import { type Command, InvalidArgumentError, Option } from "commander";
import type { CliIo } from "../cli-io.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

/** An acknowledgment profile as the API shows it. */
export interface AckProfile {
  readonly accountId: string;
  readonly identity: string;
  readonly partner: string;
  readonly ta1: string;
  readonly functional: string;
  readonly contrl: string;
  readonly rejectGroupOnSetError: boolean;
  readonly expectAck: string;
  readonly ackWindowMinutes: number;
  readonly docTypeWindows: Readonly<Record<string, number>>;
}

interface ProfileOptions extends ServerOptions {
  readonly json?: boolean;
  readonly identity?: string;
  readonly partner?: string;
  readonly ta1?: string;
  readonly functional?: string;
  readonly contrl?: string;
  readonly rejectGroup?: boolean;
  readonly expect?: string;
  readonly window?: number;
  readonly docWindow?: Record<string, number>;
}

const choices = ["requested", "always", "never"];

/**
 * `openvan admin ack-profile list|set|remove ACCOUNT-ID`: which acknowledgments the network generates for
 * what an account sends (TA1, 997 / 999, CONTRL), whether a bad set rejects its group, and how long partners
 * have to acknowledge before the interchange is overdue.
 */
export function addAckProfileCommands(admin: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const profile = admin.command("ack-profile").description("read and set accounts' acknowledgment profiles");
  const path = (accountId: string) => `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/ack-profiles`;

  leaf(
    profile.command("list").description("list an account's profiles").argument("<account-id>", "the account"),
  ).action(async (accountId: string, options: ProfileOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const { items } = await clientFor(options).callJson<{ items: AckProfile[] }>("GET", path(accountId));
      for (const item of items)
        io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${profileLine(item)}\n`);
      return 0;
    });
  });

  keyed(
    leaf(
      profile
        .command("set")
        .description("create or change a profile")
        .argument("<account-id>", "the account"),
    ),
  )
    .addOption(new Option("--ta1 <when>", "TA1 for X12 interchanges").choices(choices))
    .addOption(
      new Option("--functional <kind>", "997 / 999 for X12 groups (auto: 999 for 005010X2xx)").choices([
        "none",
        "auto",
        "997",
        "999",
      ]),
    )
    .addOption(new Option("--contrl <when>", "CONTRL for EDIFACT interchanges").choices(choices))
    .option("--reject-group", "a rejected set rejects its whole group")
    .option("--no-reject-group", "accept the good sets of a group (the default)")
    .addOption(
      new Option("--expect <when>", "expect an acknowledgment back from the partner").choices(choices),
    )
    .option("--window <minutes>", "minutes the partner has to acknowledge", positive)
    .option(
      "--doc-window <type=minutes>",
      "a window for one document type, e.g. 850=240 (repeatable)",
      docWindow,
    )
    .action(async (accountId: string, options: ProfileOptions) => {
      await runClientAction(io, setExitCode, async () => {
        const body = {
          identity: options.identity,
          partner: options.partner,
          ta1: options.ta1,
          functional: options.functional,
          contrl: options.contrl,
          rejectGroupOnSetError: options.rejectGroup,
          expectAck: options.expect,
          ackWindowMinutes: options.window,
          docTypeWindows: options.docWindow,
        };
        const set = await clientFor(options).callJson<AckProfile>("PUT", path(accountId), body);
        io.stdout.write(options.json ? `${JSON.stringify(set)}\n` : `${profileLine(set)}\n`);
        return 0;
      });
    });

  keyed(
    leaf(profile.command("remove").description("remove a profile").argument("<account-id>", "the account")),
  ).action(async (accountId: string, options: ProfileOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const query = new URLSearchParams();
      if (options.identity !== undefined) query.set("identity", options.identity);
      if (options.partner !== undefined) query.set("partner", options.partner);
      await clientFor(options).callJson("DELETE", `${path(accountId)}?${query.toString()}`);
      return 0;
    });
  });
}

function leaf(command: Command): Command {
  return withServerOptions(command).option("--json", "print the server's answer as JSON");
}

function keyed(command: Command): Command {
  return command
    .option("--identity <QUAL:ID>", "only for this sending identity of the account (default: all of them)")
    .option("--partner <QUAL:ID>", "only for this receiving partner (default: every partner)");
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of minutes, 1 or more");
  return n;
}

function docWindow(value: string, previous: Record<string, number> | undefined): Record<string, number> {
  const match = /^([A-Za-z0-9]{2,6})=(\d+)$/.exec(value);
  if (match === null) throw new InvalidArgumentError("TYPE=MINUTES, e.g. 850=240");
  return { ...previous, [match[1] as string]: positive(match[2] as string) };
}

/** `IDENTITY → PARTNER  ta1=… functional=… contrl=… …`. */
export function profileLine(p: AckProfile): string {
  const windows = Object.entries(p.docTypeWindows)
    .map(([t, m]) => ` ${t}=${m}m`)
    .join("");
  return (
    `${p.identity} -> ${p.partner}  ta1=${p.ta1} functional=${p.functional} contrl=${p.contrl}` +
    ` reject-group=${p.rejectGroupOnSetError ? "yes" : "no"} expect=${p.expectAck} window=${p.ackWindowMinutes}m${windows}`
  );
}
