import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectFiles } from "./collect-files.js";

describe("collectFiles", () => {
  let root = "";
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "openvan-collect-"));
    await mkdir(join(root, "b", "deeper"), { recursive: true });
    await writeFile(join(root, "c.edi"), "");
    await writeFile(join(root, "a.edi"), "");
    await writeFile(join(root, "b", "deeper", "z.edi"), "");
    await symlink(join(root, "a.edi"), join(root, "link-to-file.edi"));
    await symlink(join(root, "b"), join(root, "link-to-folder"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("walks folders recursively in path order, following links to files but not to folders", async () => {
    expect(await collectFiles([root])).toEqual(
      ["a.edi", "b/deeper/z.edi", "c.edi", "link-to-file.edi"].map((name) => join(root, name)),
    );
  });

  it("keeps the order of the paths given", async () => {
    const files = await collectFiles([join(root, "c.edi"), join(root, "b"), join(root, "a.edi")]);
    expect(files).toEqual([join(root, "c.edi"), join(root, "b", "deeper", "z.edi"), join(root, "a.edi")]);
  });

  it("names every missing path in one CLI_PATH_NOT_FOUND error", async () => {
    const missing = [join(root, "nope.edi"), join(root, "c.edi", "under-a-file")];
    await expect(collectFiles([root, ...missing])).rejects.toMatchObject({
      code: "CLI_PATH_NOT_FOUND",
      message: `no such file or folder: ${missing.join(", ")}`,
    });
  });
});
