import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../test/support/run-cli.js";

const fixtures = "test/fixtures/cli";
const twoOrders = `${fixtures}/orders/x12-850-two-orders.x12`;
const edifact = `${fixtures}/orders/nested/edifact-orders-no-una.edi`;
const wrongCount = `${fixtures}/faulty/x12-850-wrong-count.x12`;

describe("openvan inspect", () => {
  it("prints the envelope tree of an X12 file and exits 0", async () => {
    const run = await runCli("inspect", twoOrders);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        twoOrders,
        "  interchange x12 control 000007730 version 00401",
        "    sender 01:048291733, receiver 12:8005551234",
        "    date 240304 time 1415, test, ack requested",
        "    group PO control 7730 version 004010, 2 sets",
        "      set 850 control 0101, 6 segments",
        "      set 850 control 0102, 6 segments",
        "  1 interchange, 1 group, 2 sets, 0 errors",
        "",
      ].join("\n"),
    );
  });

  it("shows an EDIFACT interchange without UNG as one group without id", async () => {
    const run = await runCli("inspect", edifact);
    expect(run.stdout).toContain("  interchange edifact control 7001 version 2 (UNOA)\n");
    expect(run.stdout).toContain(
      "    group (no UNG), 1 set\n      set ORDERS control 0001 version D:96A:UN, 7 segments\n",
    );
  });

  it("prints every error with its position and exits 1", async () => {
    const run = await runCli("inspect", wrongCount);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "  error EDI_SET_COUNT_MISMATCH at offset 392, segment 14 (SE), element 1: SE01 says 9;",
    );
    expect(run.stdout).toContain("  1 interchange, 1 group, 2 sets, 1 error\n");
  });

  it("prints one JSON object per file with --json", async () => {
    const run = await runCli("inspect", "--json", edifact, wrongCount);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      file: edifact,
      ok: true,
      interchanges: [
        {
          standard: "edifact",
          sender: "ORCHARDCOOP",
          receiver: "CITYBAKERY",
          control: "7001",
          version: "2",
          groups: [{ id: null, control: null, sets: [{ id: "ORDERS", control: "0001" }] }],
        },
      ],
      errors: [],
    });
    const faulty = JSON.parse(lines[1] ?? "");
    expect(faulty.ok).toBe(false);
    expect(faulty.interchanges[0].groups[0].sets).toEqual([
      { id: "850", control: "0101" },
      { id: "850", control: "0102" },
    ]);
    expect(faulty.errors).toEqual([
      {
        code: "EDI_SET_COUNT_MISMATCH",
        message: "SE01 says 9; the number of segments in ST 0102 is 6",
        offset: 392,
        segment: 14,
      },
    ]);
    expect(run.code).toBe(1);
  });

  it("walks folders recursively and takes their files in path order", async () => {
    const run = await runCli("inspect", "--json", fixtures);
    const files = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line).file);
    expect(files).toEqual([wrongCount, edifact, twoOrders]);
  });

  it("ends with a summary line when asked, in text and in JSON mode", async () => {
    const text = await runCli("inspect", "--summary", fixtures);
    expect(text.stdout.endsWith("\n3 files, 2 ok, 1 with errors\n")).toBe(true);
    const json = await runCli("inspect", "--json", "--summary", `${fixtures}/orders`);
    const lines = json.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("2 files, 2 ok, 0 with errors");
    expect(json.code).toBe(0);
  });
});

describe("openvan inspect with files it cannot read", () => {
  let folder = "";
  afterEach(async () => {
    if (folder !== "") await rm(folder, { recursive: true, force: true });
  });

  it("reports the unreadable file and still inspects the others", async () => {
    folder = await mkdtemp(join(tmpdir(), "openvan-inspect-"));
    await symlink(join(folder, "gone.edi"), join(folder, "a-dangling-link.edi"));
    await writeFile(join(folder, "b-not-edi.txt"), "hello, world\n");
    const run = await runCli("inspect", "--json", "--summary", folder, twoOrders);
    const lines = run.stdout.trimEnd().split("\n");
    const [dangling, text, orders] = lines.slice(0, 3).map((line) => JSON.parse(line));
    expect(dangling.ok).toBe(false);
    expect(dangling.errors[0].code).toBe("CLI_FILE_UNREADABLE");
    expect(dangling.errors[0].message).toContain("a-dangling-link.edi");
    expect(text.errors.map((e: { code: string }) => e.code)).toEqual(["EDI_NO_ENVELOPE"]);
    expect(orders.ok).toBe(true);
    expect(lines[3]).toBe("3 files, 1 ok, 2 with errors");
    expect(run.code).toBe(1);
  });
});
