import { type EdiError, formatParty, type Interchange, readEdiStream } from "../../edi/index.js";
import type { BlobStore } from "../../storage/ports/index.js";

/** One interchange of a stored message, as routing needs it. */
export interface EnvelopeSummary {
  readonly interchange: Interchange;
  readonly sender: string;
  readonly receiver: string;
  readonly docTypes: readonly string[];
  readonly setCount: number;
  /** Faults inside the interchange's bytes (counts, control numbers, tags): reported, not blocking. */
  readonly errors: readonly EdiError[];
}

/**
 * Reads the envelopes of a stored message in one streaming pass. Sets are counted and their types collected
 * per interchange, not kept, so that memory does not grow with the number of sets.
 */
export async function readEnvelopes(blobs: BlobStore, blobKey: string): Promise<EnvelopeSummary[]> {
  const out: EnvelopeSummary[] = [];
  const errors: EdiError[] = [];
  let types = new Set<string>();
  let sets = 0;
  await readEdiStream(await blobs.get(blobKey), {
    interchangeStart() {
      types = new Set();
      sets = 0;
    },
    setStart(set) {
      types.add(set.id);
      sets++;
    },
    interchangeEnd(interchange) {
      const own = errors.filter(
        (e) => e.offset >= interchange.range.start && e.offset < interchange.range.end,
      );
      out.push({
        interchange,
        sender: formatParty(interchange.sender),
        receiver: formatParty(interchange.receiver),
        docTypes: [...types].sort(),
        setCount: sets,
        errors: own,
      });
      errors.length = 0;
    },
    error(e) {
      if (errors.length < 1000) errors.push(e);
    },
  });
  return out;
}
