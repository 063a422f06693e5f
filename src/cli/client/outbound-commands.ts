import type { Command } from "commander";
import { OpenVanError } from "../../kernel/index.js";
import type { CliIo } from "../cli-io.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

interface JsonOptions extends ServerOptions {
  readonly json?: boolean;
}

interface EndpointOptions extends JsonOptions {
  readonly set: string[];
  readonly settings?: string;
  readonly inactive?: boolean;
}

interface WebhookOptions extends JsonOptions {
  readonly events?: string;
  readonly secret?: string;
}

interface InterconnectOptions extends EndpointOptions {
  readonly network: string;
  readonly identity: string[];
  readonly kind: string;
}

type SetExitCode = (code: number) => void;
type Row = Record<string, unknown>;

/**
 * Outbound push and notifications on the command line:
 * `openvan admin endpoint|interconnect|webhook …` (admin key), `openvan webhook …` (an account's own) and
 * `openvan delivery push ID` (push a failed delivery again).
 */
export function addOutboundCommands(program: Command, io: CliIo, setExitCode: SetExitCode): void {
  const admin = program.commands.find((c) => c.name() === "admin") ?? program.command("admin");
  const run = (action: () => Promise<void>) =>
    runClientAction(io, setExitCode, async () => {
      await action();
      return 0;
    });
  const print = (options: JsonOptions, rows: readonly Row[], line: (row: Row) => string) => {
    for (const row of rows) io.stdout.write(options.json ? `${JSON.stringify(row)}\n` : `${line(row)}\n`);
  };
  const accountPath = (id: string, rest: string) =>
    `/api/v1/admin/accounts/${encodeURIComponent(id)}/${rest}`;

  const endpoint = admin
    .command("endpoint")
    .description("push endpoints: where an account's deliveries are pushed");
  leaf(
    endpoint
      .command("add")
      .description(
        "push the account's deliveries to its own AS2 or SFTP server (takes over from the active one)",
      )
      .argument("<account-id>", "the account")
      .argument("<kind>", "as2 or sftp"),
    true,
  ).action((accountId: string, kind: string, options: EndpointOptions) =>
    run(async () => {
      const body = { kind, settings: settingsOf(options), active: options.inactive !== true };
      const made = await clientFor(options).callJson<Row>("POST", accountPath(accountId, "endpoints"), body);
      print(options, [made], endpointLine);
    }),
  );
  leaf(
    endpoint.command("list").description("list an account's push endpoints").argument("<account-id>"),
  ).action((accountId: string, options: JsonOptions) =>
    run(async () => {
      const { items } = await clientFor(options).callJson<{ items: Row[] }>(
        "GET",
        accountPath(accountId, "endpoints"),
      );
      print(options, items, endpointLine);
    }),
  );
  for (const [name, active] of [
    ["activate", true],
    ["deactivate", false],
  ] as const) {
    leaf(
      endpoint
        .command(name)
        .description(
          active
            ? "push the account's deliveries to this endpoint"
            : "stop pushing: deliveries go to the mailbox",
        )
        .argument("<account-id>")
        .argument("<endpoint-id>"),
    ).action((accountId: string, endpointId: string, options: JsonOptions) =>
      run(async () => {
        const path = accountPath(accountId, `endpoints/${encodeURIComponent(endpointId)}`);
        print(options, [await clientFor(options).callJson<Row>("PATCH", path, { active })], endpointLine);
      }),
    );
  }
  leaf(
    endpoint
      .command("remove")
      .description("remove a push endpoint")
      .argument("<account-id>")
      .argument("<endpoint-id>"),
  ).action((accountId: string, endpointId: string, options: JsonOptions) =>
    run(async () => {
      await clientFor(options).callJson(
        "DELETE",
        accountPath(accountId, `endpoints/${encodeURIComponent(endpointId)}`),
      );
    }),
  );

  const interconnect = admin
    .command("interconnect")
    .description("other networks whose identities are routed to them");
  leaf(
    interconnect
      .command("add")
      .description(
        "connect another network: an account of kind interconnect with its identities and endpoint",
      )
      .argument("<name>", "the account's name here")
      .requiredOption("--network <name>", "the other network's name")
      .requiredOption("--kind <kind>", "as2 or sftp: how deliveries reach the other network")
      .option("--identity <QUAL:ID>", "an identity hosted on the other network (repeat)", collect, []),
    true,
  ).action((name: string, options: InterconnectOptions) =>
    run(async () => {
      const made = await clientFor(options).callJson<Row>("POST", "/api/v1/admin/interconnects", {
        name,
        network: options.network,
        identities: options.identity,
        endpoint: { kind: options.kind, settings: settingsOf(options) },
      });
      print(options, [made], interconnectLine);
    }),
  );
  leaf(interconnect.command("list").description("list the interconnects")).action((options: JsonOptions) =>
    run(async () => {
      const { items } = await clientFor(options).callJson<{ items: Row[] }>(
        "GET",
        "/api/v1/admin/interconnects",
      );
      print(options, items, interconnectLine);
    }),
  );

  const adminWebhook = admin.command("webhook").description("an account's webhooks");
  webhookOptions(
    leaf(
      adminWebhook
        .command("add")
        .description("subscribe a URL to an account's notifications")
        .argument("<account-id>")
        .argument("<url>"),
    ),
  ).action((accountId: string, url: string, options: WebhookOptions) =>
    run(async () => {
      const made = await clientFor(options).callJson<Row>(
        "POST",
        accountPath(accountId, "webhooks"),
        webhookBody(url, options),
      );
      printCreatedWebhook(io, options, made);
    }),
  );
  leaf(
    adminWebhook.command("list").description("list an account's webhooks").argument("<account-id>"),
  ).action((accountId: string, options: JsonOptions) =>
    run(async () => {
      const { items } = await clientFor(options).callJson<{ items: Row[] }>(
        "GET",
        accountPath(accountId, "webhooks"),
      );
      print(options, items, webhookLine);
    }),
  );

  const webhook = program
    .command("webhook")
    .description("the account's webhooks (notifications by HTTP POST)");
  webhookOptions(
    leaf(
      webhook.command("add").description("subscribe a URL to the account's notifications").argument("<url>"),
    ),
  ).action((url: string, options: WebhookOptions) =>
    run(async () => {
      printCreatedWebhook(
        io,
        options,
        await clientFor(options).callJson<Row>("POST", "/api/v1/webhooks", webhookBody(url, options)),
      );
    }),
  );
  leaf(webhook.command("list").description("list the account's webhooks")).action((options: JsonOptions) =>
    run(async () => {
      const { items } = await clientFor(options).callJson<{ items: Row[] }>("GET", "/api/v1/webhooks");
      print(options, items, webhookLine);
    }),
  );
  leaf(
    webhook.command("log").description("a webhook's delivery log, newest first").argument("<webhook-id>"),
  ).action((id: string, options: JsonOptions) =>
    run(async () => {
      const page = await clientFor(options).callJson<{ items: Row[] }>(
        "GET",
        `/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`,
      );
      print(options, page.items, callLine);
    }),
  );
  leaf(webhook.command("remove").description("remove a webhook").argument("<webhook-id>")).action(
    (id: string, options: JsonOptions) =>
      run(async () => {
        await clientFor(options).callJson("DELETE", `/api/v1/webhooks/${encodeURIComponent(id)}`);
      }),
  );

  const email = program
    .command("notify-email")
    .description("e-mail the account's notifications (when the server has SMTP)");
  eventsOption(
    leaf(email.command("set").description("mail notifications to this address").argument("<address>")),
  ).action((address: string, options: WebhookOptions) =>
    run(async () => {
      const answer = await clientFor(options).callJson<Row>(
        "PUT",
        "/api/v1/notifications/email",
        emailBody(address, options),
      );
      print(options, [answer], emailLine);
    }),
  );
  leaf(email.command("show").description("where notifications are mailed")).action((options: JsonOptions) =>
    run(async () => {
      print(
        options,
        [await clientFor(options).callJson<Row>("GET", "/api/v1/notifications/email")],
        emailLine,
      );
    }),
  );
  leaf(email.command("clear").description("stop mailing notifications")).action((options: JsonOptions) =>
    run(async () => {
      await clientFor(options).callJson("DELETE", "/api/v1/notifications/email");
    }),
  );
  eventsOption(
    leaf(
      admin
        .command("notify-email")
        .description("mail an account's notifications to this address")
        .argument("<account-id>")
        .argument("<address>"),
    ),
  ).action((accountId: string, address: string, options: WebhookOptions) =>
    run(async () => {
      await clientFor(options).callJson(
        "PUT",
        accountPath(accountId, "notification-email"),
        emailBody(address, options),
      );
    }),
  );

  const delivery = program.command("delivery").description("deliveries pushed to endpoints");
  leaf(
    delivery
      .command("push")
      .description("push a delivery that failed (push_failed) again")
      .argument("<delivery-id>"),
  ).action((id: string, options: JsonOptions) =>
    run(async () => {
      const item = await clientFor(options).callJson<Row>(
        "POST",
        `/api/v1/deliveries/${encodeURIComponent(id)}/push`,
      );
      print(options, [item], (row) => `${String(row.id)}  ${String(row.state)}`);
    }),
  );
}

/** Every subcommand talks to a server and can print JSON; endpoint commands also take settings. */
function leaf(command: Command, settings = false): Command {
  const withJson = withServerOptions(command).option("--json", "print the server's answer as JSON");
  return settings
    ? withJson
        .option("--settings <json>", "the endpoint's settings as a JSON object")
        .option("--set <key=value>", "one setting (repeat); numbers and true/false are typed", collect, [])
        .option("--inactive", "add it without making it the active endpoint")
    : withJson;
}

function eventsOption(command: Command): Command {
  return command.option(
    "--events <types>",
    "comma-separated: mailbox.item, delivery.failed, ack.overdue, certificate.expiring (default: all)",
  );
}

function webhookOptions(command: Command): Command {
  return eventsOption(command).option(
    "--secret <secret>",
    "the signing secret (at least 16 characters); a random one otherwise",
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--settings JSON` with each `--set key=value` laid over it. */
function settingsOf(options: {
  readonly settings?: string;
  readonly set: string[];
}): Record<string, unknown> {
  let settings: Record<string, unknown> = {};
  if (options.settings !== undefined) {
    try {
      settings = JSON.parse(options.settings) as Record<string, unknown>;
    } catch {
      throw new OpenVanError("CONFIG_INVALID", "--settings is not JSON", { setting: "--settings" });
    }
    if (typeof settings !== "object" || settings === null || Array.isArray(settings))
      throw new OpenVanError("CONFIG_INVALID", "--settings is not a JSON object", { setting: "--settings" });
  }
  for (const pair of options.set) {
    const at = pair.indexOf("=");
    if (at < 1)
      throw new OpenVanError("CONFIG_INVALID", `--set ${pair}: write key=value`, { setting: "--set" });
    const raw = pair.slice(at + 1);
    settings[pair.slice(0, at)] =
      raw === "true" ? true : raw === "false" ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return settings;
}

function webhookBody(url: string, options: WebhookOptions): Record<string, unknown> {
  return {
    url,
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    ...(options.events === undefined
      ? {}
      : {
          events: options.events
            .split(",")
            .map((e) => e.trim())
            .filter(Boolean),
        }),
  };
}

function emailBody(address: string, options: WebhookOptions): Record<string, unknown> {
  const { events } = webhookBody("", options);
  return events === undefined ? { address } : { address, events };
}

function emailLine(row: Row): string {
  const events = Array.isArray(row.events) ? row.events.join(",") : "";
  return row.address === null ? "no notification e-mail" : `${String(row.address)}  ${events}`;
}

function printCreatedWebhook(io: CliIo, options: JsonOptions, made: Row): void {
  if (options.json) {
    io.stdout.write(`${JSON.stringify(made)}\n`);
    return;
  }
  io.stdout.write(`${webhookLine(made)}\n`);
  io.stdout.write(`secret ${String(made.secret)}\n`);
  io.stderr.write("openvan: the signing secret is not shown again; store it now\n");
}

/** `ENDPOINT-ID  KIND  active|inactive  SETTINGS`. */
function endpointLine(row: Row): string {
  return `${String(row.id)}  ${String(row.kind)}  ${row.active ? "active" : "inactive"}  ${JSON.stringify(row.settings)}`;
}

function interconnectLine(row: Row): string {
  const identities = Array.isArray(row.identities) ? row.identities.join(",") : "";
  const endpoint = row.endpoint as Row | undefined;
  return `${String(row.accountId)}  ${String(row.name)}  network ${String(row.network)}  ${identities}  ${endpoint === undefined ? "no endpoint" : String(endpoint.kind)}`;
}

function webhookLine(row: Row): string {
  const events = Array.isArray(row.events) ? row.events.join(",") : "";
  return `${String(row.id)}  ${row.active ? "active" : "inactive"}  ${String(row.url)}  ${events}`;
}

function callLine(row: Row): string {
  const status = row.lastStatus === null ? "no answer" : String(row.lastStatus);
  return `${String(row.id)}  ${String(row.type)}  ${String(row.state)}  attempts ${String(row.attempts)}  ${status}  ${String(row.updatedAt)}`;
}
