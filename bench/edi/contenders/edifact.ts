import { createReadStream } from "node:fs";
import { loadEdifactParser } from "../peers/edifact.js";
import { CHUNK_SIZE, measure, type Tally } from "./measure.js";

const Parser = loadEdifactParser();

function ignore(): void {}

async function readEvents(path: string, tally: Tally): Promise<void> {
  const parser = new Parser();
  parser.encoding("UNOC");
  let sets = 0;
  parser.onopensegment = (segment) => {
    if (segment === "UNH") sets++;
  };
  parser.onclosesegment = () => {
    tally.segments++;
  };
  parser.onelement = ignore;
  parser.oncomponent = ignore;
  try {
    const stream = createReadStream(path, { highWaterMark: CHUNK_SIZE, encoding: "latin1" });
    for await (const chunk of stream as AsyncIterable<string>) parser.write(chunk);
    parser.end();
  } finally {
    tally.sets = sets;
  }
}

await measure("edifact (event parser)", readEvents);
