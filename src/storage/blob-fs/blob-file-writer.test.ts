import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BlobFileWriter, type DirectIo } from "./blob-file-writer.js";

const MiB = 1024 * 1024;
const folders: string[] = [];

async function folderIn(parent: string): Promise<string> {
  const folder = await mkdtemp(join(parent, "openvan-writer-"));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Writes `bytes` cut into pieces of the given sizes (cycled), and returns the writer and the file's bytes. */
async function writeInPieces(
  folder: string,
  bytes: Buffer,
  pieces: readonly number[],
  directIo: DirectIo = { usable: true },
): Promise<{ direct: boolean; stored: Buffer }> {
  const path = join(folder, "blob.part");
  const writer = await BlobFileWriter.create(path, directIo);
  let direct = false;
  try {
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const size = pieces[i % pieces.length] as number;
      await writer.write(bytes.subarray(at, at + size));
      at += size;
      direct ||= writer.direct;
    }
    await writer.finish();
  } finally {
    await writer.close();
  }
  return { direct, stored: await readFile(path) };
}

// /tmp is a disk file system here (ext4), as a data folder is; /dev/shm is tmpfs, which refuses O_DIRECT.
describe("BlobFileWriter", () => {
  const sizes = [0, 1, 4095, MiB - 1, MiB, MiB + 1, MiB + 4096, 2 * MiB, 3 * MiB + 12_345, 5 * MiB - 7];

  it.each(sizes)("stores %i bytes exactly, whatever the pieces", async (size) => {
    const bytes = randomBytes(size);
    for (const pieces of [[32 * 1024], [1, 7, 65_536, 300_001], [4 * MiB]]) {
      const { stored } = await writeInPieces(await folderIn(tmpdir()), bytes, pieces);
      expect(stored.equals(bytes)).toBe(true);
    }
  });

  it("writes past the first MiB with O_DIRECT on a disk file system, not below it", async () => {
    expect((await writeInPieces(await folderIn(tmpdir()), randomBytes(MiB), [256 * 1024])).direct).toBe(
      false,
    );
    const directIo = { usable: true };
    const big = randomBytes(3 * MiB + 100);
    const { direct, stored } = await writeInPieces(await folderIn(tmpdir()), big, [256 * 1024], directIo);
    expect(direct).toBe(true);
    expect(directIo.usable).toBe(true);
    expect(stored.equals(big)).toBe(true);
  });

  it("writes everything buffered, flushing as it goes, once the file system has refused O_DIRECT", async () => {
    // No file system here refuses it (tmpfs takes O_DIRECT since Linux 6.6): the state after a refusal is given.
    const bytes = randomBytes(70 * MiB + 3);
    const { direct, stored } = await writeInPieces(await folderIn(tmpdir()), bytes, [256 * 1024], {
      usable: false,
    });
    expect(direct).toBe(false);
    expect(stored.equals(bytes)).toBe(true);
  });

  it.skipIf(!existsSync("/dev/shm"))("stores the bytes exactly on tmpfs too", async () => {
    const bytes = randomBytes(3 * MiB + 5);
    const { stored } = await writeInPieces(await folderIn("/dev/shm"), bytes, [100_000]);
    expect(stored.equals(bytes)).toBe(true);
  });

  it("refuses to write over an existing file", async () => {
    const folder = await folderIn(tmpdir());
    await writeInPieces(folder, Buffer.from("first"), [5]);
    await expect(BlobFileWriter.create(join(folder, "blob.part"), { usable: true })).rejects.toMatchObject({
      code: "EEXIST",
    });
  });
});
