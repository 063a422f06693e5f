import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { loadX12ParserStream, segmentName } from "../peers/x12-parser.js";
import { CHUNK_SIZE, measure, type Tally } from "./measure.js";

const X12parser = loadX12ParserStream();

async function readStream(path: string, tally: Tally): Promise<void> {
  const parser = new X12parser();
  tally.sets = 0;
  parser.on("data", (segment: unknown) => {
    tally.segments++;
    if (segmentName(segment) === "ST") tally.sets = (tally.sets ?? 0) + 1;
  });
  await pipeline(createReadStream(path, { highWaterMark: CHUNK_SIZE }), parser);
}

await measure("x12-parser (stream)", readStream);
