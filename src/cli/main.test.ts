import { describe, expect, it } from "vitest";
import { runCli } from "../../test/support/run-cli.js";

describe("openvan usage errors", () => {
  it("exits 2 naming every path that does not exist, before reading any file", async () => {
    const run = await runCli("inspect", "samples", "no/such/file.edi", "nor-this-folder");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "openvan: CLI_PATH_NOT_FOUND: no such file or folder: no/such/file.edi, nor-this-folder\n",
    );
  });

  it("exits 2 on an unknown option or a missing argument", async () => {
    const unknown = await runCli("inspect", "--bogus", "samples");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    const missing = await runCli("inspect");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'paths'");
  });

  it("exits 2 with the usage when no command is given", async () => {
    const run = await runCli();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: openvan");
  });

  it("exits 0 for --help and --version", async () => {
    const help = await runCli("inspect", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: openvan inspect");
    const version = await runCli("--version");
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
