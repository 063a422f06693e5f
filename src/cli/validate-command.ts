import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { builtinGuides, type GuideSet, loadGuide, validateInterchangeStream } from "../edi/guides/index.js";
import {
  type AckReport,
  type EdiError,
  type InterchangeJson,
  render997,
  render999,
  renderContrl,
  renderTa1,
  sequentialControlNumbers,
  writeInterchange,
} from "../edi/index.js";
import { OpenVanError } from "../kernel/index.js";
import type { CliIo } from "./cli-io.js";
import { collectFiles } from "./collect-files.js";

export type AckKind = "ta1" | "997" | "999" | "contrl";
const ackKinds: readonly AckKind[] = ["ta1", "997", "999", "contrl"];

export interface ValidateOptions {
  readonly guide?: string[];
  readonly ack?: string[];
  readonly json?: boolean;
}

type FileStatus = "accepted" | "accepted_with_errors" | "partially_accepted" | "rejected";

interface RenderedAck {
  readonly type: AckKind;
  readonly status: FileStatus;
  readonly edi: string;
}

/** `openvan validate FILE...`: syntax and guide validation, with the acknowledgments OpenVAN would send. */
export function addValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("validate")
    .description(
      "validate EDI files against implementation guides and print the acknowledgments they would get",
    )
    .argument("<files...>", "files or folders (folders are walked recursively)")
    .option(
      "--guide <path-or-id...>",
      "a guide JSON file or a built-in guide id, used for the sets it describes",
    )
    .option(
      "--ack <kind...>",
      "acknowledgments to write: ta1, 997, 999, contrl (default: 997 or 999, and contrl)",
    )
    .option("--json", "print one JSON object per file, one per line")
    .action(async (files: string[], options: ValidateOptions) => {
      setExitCode(await validateFiles(files, options, io));
    });
}

/** Exit code 0 when every file is free of faults, 1 when some are not, 3 when a file cannot be read. */
export async function validateFiles(
  paths: readonly string[],
  options: ValidateOptions,
  io: CliIo,
): Promise<number> {
  const acks = (options.ack ?? []).map(parseAckKind);
  const { guides, force } = await guidesFor(options.guide ?? []);
  const files = await collectFiles(paths);
  let code = 0;
  for (const file of files) {
    let result: Awaited<ReturnType<typeof validateInterchangeStream>>;
    try {
      result = await validateInterchangeStream(createReadStream(file), guides, { force });
    } catch (cause) {
      if (!(cause instanceof Error && typeof (cause as NodeJS.ErrnoException).code === "string")) throw cause;
      io.stderr.write(`openvan: CLI_FILE_UNREADABLE: cannot read ${file}: ${cause.message}\n`);
      code = 3;
      continue;
    }
    const rendered = result.reports.flatMap((r) => renderAcks(r, acks));
    const ok = result.findings.length === 0;
    if (!ok && code === 0) code = 1;
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ file, ok, errors: result.findings.map(errorJson), acks: rendered })}\n`,
      );
      continue;
    }
    io.stderr.write(describeFile(file, result.reports, result.findings));
    for (const a of rendered) io.stdout.write(a.edi);
  }
  return code;
}

function parseAckKind(kind: string): AckKind {
  const k = kind.toLowerCase();
  if (!(ackKinds as readonly string[]).includes(k))
    throw new OpenVanError("CONFIG_INVALID", `--ack ${kind}: use one of ${ackKinds.join(", ")}`, {
      ack: kind,
    });
  return k as AckKind;
}

/** Built-ins plus guide files; each guide named (by file or id) is used for its sets whatever their version. */
async function guidesFor(specs: readonly string[]): Promise<{ guides: GuideSet; force: string[] }> {
  let guides: GuideSet = builtinGuides();
  const force: string[] = [];
  const loaded = [];
  for (const spec of specs) {
    if (!spec.endsWith(".json") && guides.has(spec)) {
      force.push(spec);
      continue;
    }
    let text: string;
    try {
      text = await readFile(spec, "utf8");
    } catch {
      throw new OpenVanError(
        "GUIDE_NOT_FOUND",
        `--guide ${spec}: no such guide file, and no guide has that id`,
        {
          guide: spec,
        },
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new OpenVanError("GUIDE_INVALID", `${spec}: not JSON (${(cause as Error).message})`, {
        guide: spec,
      });
    }
    const guide = loadGuide(data, spec);
    loaded.push(guide);
    force.push(guide.id);
  }
  if (loaded.length > 0) guides = guides.with(loaded);
  for (const id of force) guides.resolve(id);
  return { guides, force };
}

/**
 * The acknowledgments of one interchange: the kinds asked for, or by default the one its partner expects (999
 * for groups under a 005010X… convention, else 997; CONTRL for EDIFACT). Kinds that do not apply to the
 * interchange's standard are skipped.
 */
function renderAcks(report: AckReport, asked: readonly AckKind[]): RenderedAck[] {
  const ic = report.interchange;
  const kinds: readonly AckKind[] =
    asked.length > 0
      ? asked
      : ic.standard === "edifact"
        ? ["contrl"]
        : report.groups.some((g) => /^005010X/.test(g.group.version ?? ""))
          ? ["999"]
          : ["997"];
  const now = new Date();
  const out: RenderedAck[] = [];
  for (const kind of kinds) {
    const json = render(kind, report, now);
    if (json === null) continue;
    out.push({
      type: kind,
      status: ackStatus(kind, report),
      edi: writeInterchange(json, { lineBreak: "\n" }).toString("latin1"),
    });
  }
  return out;
}

function render(kind: AckKind, report: AckReport, now: Date): InterchangeJson | null {
  const controls = sequentialControlNumbers();
  switch (kind) {
    case "ta1":
      return renderTa1(report, controls, now);
    case "997":
      return render997(report, controls, now);
    case "999":
      return render999(report, controls, now);
    case "contrl":
      return renderContrl(report, controls, now);
  }
}

/** A TA1 speaks for the interchange; the others for its groups, summed up when there are several. */
function ackStatus(kind: AckKind, report: AckReport): FileStatus {
  if (kind === "ta1" || report.status === "rejected" || report.groups.length === 0) return report.status;
  const statuses = report.groups.map((g) => g.status);
  if (statuses.every((s) => s === "accepted")) return "accepted";
  if (statuses.every((s) => s === "rejected")) return "rejected";
  if (statuses.some((s) => s === "rejected" || s === "partially_accepted")) return "partially_accepted";
  return "accepted_with_errors";
}

function errorJson(e: EdiError) {
  return {
    code: e.code,
    message: e.message,
    segment: e.segment,
    element: e.element ?? null,
    offset: e.offset,
  };
}

/** The text report: each set with the guide it was checked against, then each fault with its position. */
function describeFile(file: string, reports: readonly AckReport[], findings: readonly EdiError[]): string {
  const lines = [file];
  for (const r of reports)
    for (const g of r.groups)
      for (const s of g.sets)
        lines.push(
          `  set ${s.set.id} control ${s.set.control}: ${s.status.replaceAll("_", " ")}, ${
            s.guide === null ? "syntax only (no guide for this set and version)" : `guide ${s.guide}`
          }`,
        );
  for (const e of findings) {
    const where = [`offset ${e.offset}`, `segment ${e.segment}${e.tag === undefined ? "" : ` (${e.tag})`}`];
    if (e.element !== undefined) where.push(`element ${e.element}`);
    lines.push(`  error ${e.code} at ${where.join(", ")}: ${e.message}`);
  }
  lines.push(`  ${findings.length} ${findings.length === 1 ? "error" : "errors"}`);
  return `${lines.join("\n")}\n`;
}
