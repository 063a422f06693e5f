import type { BlobStore } from "../../storage/ports/index.js";

/** Bytes `[start, end)` of a stored blob, in memory: one interchange, for the jobs that check or answer it. */
export async function readRange(blobs: BlobStore, key: string, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(key, { start, end })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
