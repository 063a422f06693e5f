import { EdiReader } from "../../edi/index.js";
import type { BlobStore } from "../../storage/ports/index.js";
import { EnvelopeCollector, type EnvelopeSummary } from "./envelope-collector.js";

/** Reads the envelopes of a stored message in one streaming pass, in constant memory whatever its size. */
export async function readEnvelopes(blobs: BlobStore, blobKey: string): Promise<readonly EnvelopeSummary[]> {
  const collector = new EnvelopeCollector();
  const reader = new EdiReader(collector);
  for await (const chunk of await blobs.get(blobKey)) reader.write(chunk as Uint8Array);
  reader.end();
  return collector.summaries() ?? [];
}
