import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { OpenVanError } from "../../kernel/index.js";
import type { CliIo } from "../cli-io.js";
import { runClientAction } from "./run-client-action.js";
import { clientFor, type ServerOptions, withServerOptions } from "./server-options.js";

/** A guide as the API shows it (`guide` only when one guide is shown). */
export interface GuideView {
  readonly id: string;
  readonly builtin: boolean;
  readonly guideId?: string;
  readonly partner?: string;
  readonly name?: string | null;
  readonly set?: string | null;
  readonly versions?: readonly string[];
  readonly extends?: string | null;
  readonly version?: number;
  readonly updatedAt?: string;
  readonly guide?: unknown;
}

interface GuideOptions extends ServerOptions {
  readonly json?: boolean;
  readonly partner?: string;
}

/**
 * `openvan guide add|update|list|show|remove|builtin`: the caller's partner guides, implementation guides
 * that the network uses, over the built-in ones, for what a partner (or every partner) sends the account.
 */
export function addGuideCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const guide = program
    .command("guide")
    .description("add, change, list and remove your partner guides (implementation guides, JSON)");

  leaf(
    guide
      .command("add")
      .description("add a partner guide from a JSON file; used from the next acknowledgment on")
      .argument("<file>", "the guide (JSON, usually `extends` a built-in guide id)")
      .option("--partner <QUAL:ID>", "the partner whose documents it checks (default: every partner)"),
  ).action(async (file: string, options: GuideOptions) => {
    const document = await readGuideFile(file);
    await runClientAction(io, setExitCode, async () => {
      const body = {
        guide: document,
        ...(options.partner === undefined ? {} : { partner: options.partner }),
      };
      const added = await clientFor(options).callJson<GuideView>("POST", "/api/v1/guides", body);
      io.stdout.write(options.json ? `${JSON.stringify(added)}\n` : `${guideLine(added)}\n`);
      return 0;
    });
  });

  leaf(
    guide
      .command("update")
      .description("replace a partner guide's document")
      .argument("<id>", "the guide's id (gde_…)")
      .argument("<file>", "the new guide (JSON)")
      .option("--partner <QUAL:ID>", "move it to this partner (`*`: every partner; default: unchanged)"),
  ).action(async (id: string, file: string, options: GuideOptions) => {
    const document = await readGuideFile(file);
    await runClientAction(io, setExitCode, async () => {
      const body = {
        guide: document,
        ...(options.partner === undefined ? {} : { partner: options.partner }),
      };
      const updated = await clientFor(options).callJson<GuideView>("PUT", path(id), body);
      io.stdout.write(options.json ? `${JSON.stringify(updated)}\n` : `${guideLine(updated)}\n`);
      return 0;
    });
  });

  leaf(guide.command("list").description("list your partner guides")).action(
    async (options: GuideOptions) => {
      await runClientAction(io, setExitCode, async () => {
        const { items } = await clientFor(options).callJson<{ items: GuideView[] }>("GET", "/api/v1/guides");
        for (const item of items)
          io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${guideLine(item)}\n`);
        return 0;
      });
    },
  );

  leaf(guide.command("builtin").description("list the built-in guides a partner guide may extend")).action(
    async (options: GuideOptions) => {
      await runClientAction(io, setExitCode, async () => {
        const { items } = await clientFor(options).callJson<{ items: GuideView[] }>(
          "GET",
          "/api/v1/guides/builtin",
        );
        for (const item of items)
          io.stdout.write(options.json ? `${JSON.stringify(item)}\n` : `${guideLine(item)}\n`);
        return 0;
      });
    },
  );

  withServerOptions(
    guide
      .command("show")
      .description("print a guide's JSON document (yours by id, or a built-in guide by its id)")
      .argument("<id>", "gde_… or a built-in id such as x12-850")
      .option("--json", "print the server's whole answer (the document and what it says about it)"),
  ).action(async (id: string, options: GuideOptions) => {
    await runClientAction(io, setExitCode, async () => {
      const shown = await clientFor(options).callJson<GuideView>("GET", path(id));
      io.stdout.write(
        options.json ? `${JSON.stringify(shown)}\n` : `${JSON.stringify(shown.guide, null, 2)}\n`,
      );
      return 0;
    });
  });

  withServerOptions(
    guide.command("remove").description("remove a partner guide").argument("<id>", "the guide's id (gde_…)"),
  ).action(async (id: string, options: GuideOptions) => {
    await runClientAction(io, setExitCode, async () => {
      await clientFor(options).callJson("DELETE", path(id));
      return 0;
    });
  });
}

function path(id: string): string {
  return `/api/v1/guides/${encodeURIComponent(id)}`;
}

function leaf(command: Command): Command {
  return withServerOptions(command).option("--json", "print the server's answer as JSON, one line per guide");
}

async function readGuideFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new OpenVanError("CLI_PATH_NOT_FOUND", `no such file: ${file}`);
    throw new OpenVanError("CLI_FILE_UNREADABLE", `${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new OpenVanError("GUIDE_INVALID", `${file}: not JSON (${(cause as Error).message})`, {
      source: file,
    });
  }
}

/** `ID  GUIDE-ID  partner=…  set versions  vN  name`. */
export function guideLine(g: GuideView): string {
  const versions = (g.versions ?? []).join(",");
  if (g.builtin) return `${g.id}  ${g.set ?? "?"}  ${versions}  ${g.name ?? ""}`.trimEnd();
  return `${g.id}  ${g.guideId ?? ""}  partner=${g.partner ?? "*"}  ${g.set ?? "?"} ${versions}  v${g.version ?? 1}${
    g.extends ? `  extends ${g.extends}` : ""
  }${g.name ? `  ${g.name}` : ""}`;
}
