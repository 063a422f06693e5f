import { createReadStream } from "node:fs";
import { EdiReader } from "../../../src/edi/index.js";
import { CHUNK_SIZE, measure, type Tally } from "./measure.js";

async function readWithOpenVan(path: string, tally: Tally): Promise<void> {
  let segments = 0;
  let sets = 0;
  const reader = new EdiReader({
    segment() {
      segments++;
    },
    setEnd() {
      sets++;
    },
    error(e) {
      if (tally.errors++ === 0) tally.firstError = `${e.code} at byte ${e.offset}: ${e.message}`;
    },
  });
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: CHUNK_SIZE,
    }) as AsyncIterable<Buffer>) {
      reader.write(chunk);
    }
    reader.end();
  } finally {
    tally.segments = segments;
    tally.sets = sets;
  }
}

await measure("OpenVAN EdiReader", readWithOpenVan);
