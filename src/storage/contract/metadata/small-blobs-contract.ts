import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MetadataStore } from "../../ports/index.js";
import { at, orderedId } from "./metadata-fixtures.js";

export function smallBlobsContract(store: () => MetadataStore): void {
  describe("small blobs", () => {
    it("keeps any bytes and gives them back, with their size", async () => {
      const bytes = Buffer.concat([Buffer.from([0, 255, 0]), randomBytes(4000), Buffer.from("ISA*00*~")]);
      const key = orderedId("sb_");
      await store().smallBlobs.insert({ key, content: bytes, sha256: "f".repeat(64), createdAt: at(1) });
      expect(Buffer.from((await store().smallBlobs.content(key)) ?? [])).toEqual(bytes);
      expect(await store().smallBlobs.size(key)).toBe(bytes.length);
      const empty = orderedId("sb_");
      await store().smallBlobs.insert({
        key: empty,
        content: new Uint8Array(0),
        sha256: "e",
        createdAt: at(1),
      });
      expect((await store().smallBlobs.content(empty))?.length).toBe(0);
      expect(await store().smallBlobs.size(empty)).toBe(0);
    });

    it("deletes, and tells when there is no such blob", async () => {
      const key = orderedId("sb_");
      await store().smallBlobs.insert({ key, content: Buffer.from("x"), sha256: "a", createdAt: at(1) });
      await store().smallBlobs.delete(key);
      await store().smallBlobs.delete(key);
      expect(await store().smallBlobs.content(key)).toBeNull();
      expect(await store().smallBlobs.size(key)).toBeNull();
    });

    it("writes nothing when the transaction it was written in rolls back", async () => {
      const key = orderedId("sb_");
      await expect(
        store().transaction(async (tx) => {
          await tx.smallBlobs.insert({ key, content: Buffer.from("x"), sha256: "a", createdAt: at(1) });
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await store().smallBlobs.content(key)).toBeNull();
    });
  });
}
