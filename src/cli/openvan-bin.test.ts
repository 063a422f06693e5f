import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

// dist/ is built once per test run by test/support/build-once.ts.
describe("bin/openvan.js", () => {
  it("runs the built CLI: inspect --json prints one JSON line and exits 0", async () => {
    const fixture = "test/fixtures/cli/orders/x12-850-two-orders.x12";
    const { stdout } = await run(process.execPath, ["bin/openvan.js", "inspect", "--json", fixture]);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? "");
    expect(report).toMatchObject({ file: fixture, ok: true, errors: [] });
    expect(report.interchanges[0]).toMatchObject({ standard: "x12", control: "000007730", version: "00401" });
  });

  it("exits 1 when a file has EDI errors", async () => {
    const failed = run(process.execPath, ["bin/openvan.js", "inspect", "test/fixtures/cli/faulty"]);
    await expect(failed).rejects.toMatchObject({ code: 1 });
  });
});
