import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { readEdi } from "../edi/index.js";

const run = promisify(execFile);
const fixtures = "test/fixtures/guides";
const faulty = `${fixtures}/x12-850-short-code-bad-date.x12`;
const po = "samples/x12-850-purchase-order.edi";
const orders = "samples/edifact-orders-d96a.edi";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (dist/ is built once per test run by test/support/build-once.ts). */
async function openvan(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/openvan.js", ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("openvan validate", () => {
  const temp: string[] = [];
  afterEach(async () => {
    for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("accepts sound files against the built-in guides and writes a 997 and a CONTRL, exit 0", async () => {
    const r = await openvan("validate", po, orders);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("set 850 control 0001: accepted, guide x12-850");
    expect(r.stderr).toContain("set ORDERS control 1: accepted, guide edifact-ORDERS");
    const acks = readEdi(Buffer.from(r.stdout, "latin1"));
    expect(acks.errors).toEqual([]);
    expect(acks.interchanges.flatMap((i) => i.groups.flatMap((g) => g.sets.map((s) => s.id)))).toEqual([
      "997",
      "CONTRL",
    ]);
  });

  it("prints each fault with its position and the 997 that rejects the set, exit 1", async () => {
    const r = await openvan("validate", faulty);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("set 850 control 0001: rejected, guide x12-850");
    expect(r.stderr).toContain("error EDI_ELEMENT_TOO_SHORT at offset 180, segment 4 (BEG), element 1:");
    expect(r.stderr).toContain("error EDI_ELEMENT_INVALID_DATE at offset 194, segment 4 (BEG), element 5:");
    expect(r.stdout).toContain(
      "AK3*BEG*2**8~\nAK4*1*353*4*0~\nAK4*5*373*8*20250230~\nAK5*R*5~\nAK9*R*1*1*0~",
    );
  });

  it("--json: one line per file with errors and acks; --ack picks the acknowledgments", async () => {
    const r = await openvan("validate", "--json", "--ack", "ta1", "999", "--", faulty, po);
    expect(r.code).toBe(1);
    const [bad, good] = lines(r.stdout);
    expect(bad).toMatchObject({
      file: faulty,
      ok: false,
      errors: [
        { code: "EDI_ELEMENT_TOO_SHORT", segment: 4, element: 1, offset: 180 },
        { code: "EDI_ELEMENT_INVALID_DATE", segment: 4, element: 5, offset: 194 },
      ],
    });
    expect(bad.acks.map((a: { type: string; status: string }) => [a.type, a.status])).toEqual([
      ["ta1", "accepted"],
      ["999", "rejected"],
    ]);
    expect(bad.acks[1].edi).toContain("IK3*BEG*2**8~");
    expect(good).toMatchObject({ file: po, ok: true, errors: [] });
    expect(good.acks.map((a: { status: string }) => a.status)).toEqual(["accepted", "accepted"]);
  });

  it("--guide FILE: a partner guide over a built-in one", async () => {
    const r = await openvan("validate", "--json", "--guide", `${fixtures}/acme-850.json`, "--", po);
    expect(r.code).toBe(1);
    const [line] = lines(r.stdout);
    expect(line.errors).toEqual([
      expect.objectContaining({ code: "EDI_ELEMENT_INVALID_CODE", segment: 4, element: 2 }),
    ]);
  });

  it("says when a set has no guide and checks its syntax only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-validate-"));
    temp.push(dir);
    const file = join(dir, "unknown.x12");
    const text = readFileSync(po, "latin1").replace("ST*850", "ST*123").replace("GS*PO", "GS*ZZ");
    await writeFile(file, text, "latin1");
    const r = await openvan("validate", file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "set 123 control 0001: accepted, syntax only (no guide for this set and version)",
    );
  });

  it("exits 2 for a guide that cannot be found or read, and for an unknown --ack kind", async () => {
    const missing = await openvan("validate", "--guide", "no-such-guide", "--", po);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("GUIDE_NOT_FOUND");
    const dir = await mkdtemp(join(tmpdir(), "openvan-validate-"));
    temp.push(dir);
    await writeFile(join(dir, "bad.json"), '{"id": "g", "standard": "x12", "versions": [], "set": "850"}');
    const bad = await openvan("validate", "--guide", join(dir, "bad.json"), "--", po);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("GUIDE_INVALID");
    expect(bad.stderr).toContain("versions must name at least one version");
    const ack = await openvan("validate", "--ack", "855", "--", po);
    expect(ack.code).toBe(2);
  });

  it("exits 3 when a file cannot be read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openvan-validate-"));
    temp.push(dir);
    const file = join(dir, "gone.x12");
    await symlink(join(dir, "nowhere.x12"), file);
    // A dangling link found in a folder is kept as a file, so that reading it fails.
    const r = await openvan("validate", dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`CLI_FILE_UNREADABLE: cannot read ${file}`);
  });
});
