import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../ports/index.js";

const MiB = 1024 * 1024;

/**
 * What every BlobStore must do, run against each real backend. `close` runs after the store is closed, to
 * remove what `open` made; `countStored` counts what the backend holds (finished blobs and uploads under way),
 * to show that a failed put leaves nothing behind.
 */
export function describeBlobStoreContract(
  name: string,
  open: () => Promise<BlobStore>,
  close?: () => Promise<void>,
  countStored?: () => Promise<number>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let opened: BlobStore | undefined;
    const store = (): BlobStore => {
      if (opened === undefined) throw new Error("The store is not open.");
      return opened;
    };
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.close();
      await close?.();
    });

    it("stores a stream and gives back its bytes, size and SHA-256", async () => {
      const parts = [
        Buffer.from("ISA*00*"),
        new Uint8Array([1, 2, 3, 0, 255]),
        Buffer.from("~IEA*1*000000001~"),
      ];
      const bytes = Buffer.concat(parts);
      const info = await store().put(chunks(parts));
      expect(info).toEqual({ key: info.key, size: bytes.length, sha256: sha256(bytes) });
      expect(await readAll(await store().get(info.key))).toEqual(bytes);
      expect(await store().size(info.key)).toBe(bytes.length);
      const again = await store().put(chunks(parts));
      expect(again.key).not.toBe(info.key);
      expect(again.sha256).toBe(info.sha256);
    });

    it("stores an empty stream", async () => {
      const info = await store().put(chunks([]));
      expect(info).toEqual({ key: info.key, size: 0, sha256: sha256(Buffer.alloc(0)) });
      expect(await readAll(await store().get(info.key))).toEqual(Buffer.alloc(0));
      expect(await store().size(info.key)).toBe(0);
    });

    it("streams byte ranges [start, end)", async () => {
      const bytes = randomBytes(100_000);
      const { key } = await store().put(chunks([bytes.subarray(0, 40_000), bytes.subarray(40_000)]));
      const range = async (start: number, end: number) => readAll(await store().get(key, { start, end }));
      expect(await range(0, 10)).toEqual(bytes.subarray(0, 10));
      expect(await range(39_990, 40_010)).toEqual(bytes.subarray(39_990, 40_010));
      expect(await range(99_999, 100_000)).toEqual(bytes.subarray(99_999));
      expect(await range(0, 100_000)).toEqual(bytes);
      expect(await range(500, 500)).toEqual(Buffer.alloc(0));
      expect(await range(99_000, 200_000)).toEqual(bytes.subarray(99_000));
      expect(await range(100_000, 100_010)).toEqual(Buffer.alloc(0));
      await expect(store().get(key, { start: 10, end: 5 })).rejects.toMatchObject({
        code: "INTERNAL_INVALID_ARGUMENT",
      });
    });

    it("tells when a blob is not there, and deletes", async () => {
      const { key } = await store().put(chunks([Buffer.from("to be removed")]));
      await store().delete(key);
      await store().delete(key);
      expect(await store().size(key)).toBeNull();
      await expect(store().get(key)).rejects.toMatchObject({ code: "BLOB_NOT_FOUND" });
      await expect(store().get(key, { start: 0, end: 1 })).rejects.toMatchObject({ code: "BLOB_NOT_FOUND" });
      await expect(store().get(key, { start: 0, end: 0 })).rejects.toMatchObject({ code: "BLOB_NOT_FOUND" });
      await expect(store().get("../../etc/passwd")).rejects.toMatchObject({ code: "BLOB_NOT_FOUND" });
      expect(await store().size("no-such-blob")).toBeNull();
    });

    it("refuses a stream longer than maxBytes with BLOB_TOO_LARGE, leaving nothing behind", async () => {
      const before = await countStored?.();
      const exact = await store().put(chunks([Buffer.alloc(600), Buffer.alloc(400)]), { maxBytes: 1000 });
      expect(exact.size).toBe(1000);
      await store().delete(exact.key);
      await expect(
        store().put(chunks([Buffer.alloc(600), Buffer.alloc(401)]), { maxBytes: 1000 }),
      ).rejects.toMatchObject({
        code: "BLOB_TOO_LARGE",
      });
      const big = Array.from({ length: 12 }, () => Buffer.alloc(MiB, 1));
      await expect(store().put(chunks(big), { maxBytes: 11 * MiB })).rejects.toMatchObject({
        code: "BLOB_TOO_LARGE",
      });
      expect(await countStored?.()).toBe(before);
    });

    it("passes on the error of a failing source, leaving nothing behind", async () => {
      const before = await countStored?.();
      const failure = new Error("connection reset by the sender");
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield Buffer.alloc(64 * 1024, 7);
        yield Buffer.alloc(64 * 1024, 8);
        throw failure;
      }
      await expect(store().put(failing())).rejects.toBe(failure);
      expect(await countStored?.()).toBe(before);
    });

    it("lists the blobs written before a time, a page at a time, each once", async () => {
      // Larger than any store keeps in its database: those are never listed.
      const written: string[] = [];
      for (let i = 0; i < 3; i++) written.push((await store().put(chunks([randomBytes(100_000)]))).key);
      const listed: string[] = [];
      for (let after: string | null = null; ; ) {
        const page = await store().listOlderThan(new Date(Date.now() + 60_000), after, 2);
        expect(page.length).toBeLessThanOrEqual(2);
        listed.push(...page);
        if (page.length < 2) break;
        after = page.at(-1) ?? null;
      }
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed).toEqual(expect.arrayContaining(written));
      const older = await store().listOlderThan(new Date(Date.now() - 3600_000), null, 1000);
      expect(older.filter((key) => written.includes(key))).toEqual([]);
      await store().delete(written[0] as string);
      const rest = await store().listOlderThan(new Date(Date.now() + 60_000), null, 1000);
      expect(rest).not.toContain(written[0]);
      expect(rest).toEqual(expect.arrayContaining(written.slice(1)));
      for (const key of written) await store().delete(key);
    });

    it("streams 200 MB in and out in constant memory", async () => {
      const total = 200 * MiB;
      const memory = memoryWatch();
      const hash = createHash("sha256");
      const info = await store().put(generated(total, hash, memory.sample));
      expect(info.size).toBe(total);
      expect(info.sha256).toBe(hash.digest("hex"));
      const back = createHash("sha256");
      let size = 0;
      for await (const chunk of await store().get(info.key)) {
        back.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        memory.sample();
      }
      expect(size).toBe(total);
      expect(back.digest("hex")).toBe(info.sha256);
      expect(memory.growth()).toBeLessThan(100 * MiB);
      await store().delete(info.key);
    });
  });
}

async function* chunks(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}

/** `total` bytes in 256 KiB chunks, each different, hashed as they are made. */
async function* generated(
  total: number,
  hash: ReturnType<typeof createHash>,
  sample: () => void,
): AsyncGenerator<Buffer> {
  const size = 256 * 1024;
  const seed = randomBytes(size);
  for (let sent = 0, n = 0; sent < total; sent += size, n++) {
    const chunk = Buffer.from(seed.subarray(0, Math.min(size, total - sent)));
    chunk.writeUInt32BE(n, 0);
    hash.update(chunk);
    sample();
    yield chunk;
  }
}

function memoryWatch(): { sample: () => void; growth: () => number } {
  const start = process.memoryUsage.rss();
  let peak = start;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    },
    growth: () => peak - start,
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
