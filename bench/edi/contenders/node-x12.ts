import { readFile } from "node:fs/promises";
import { loadNodeX12Parser, type NodeX12Interchange } from "../peers/node-x12.js";
import { measure, type Tally } from "./measure.js";

/** node-x12 reads a whole file at once (its stream mode splits segments wrongly at chunk ends). */
const X12Parser = loadNodeX12Parser();

/** Segments held by the parsed model: ISA/IEA, GS/GE, ST/SE and the bodies. */
function countInterchange(interchange: NodeX12Interchange, tally: Tally): void {
  tally.segments += 2;
  for (const group of interchange.functionalGroups) {
    tally.segments += 2;
    for (const transaction of group.transactions) {
      tally.segments += 2 + transaction.segments.length;
      tally.sets = (tally.sets ?? 0) + 1;
    }
  }
}

async function parseWholeFile(path: string, tally: Tally): Promise<void> {
  const parsed = new X12Parser(true).parse(await readFile(path, "latin1"));
  tally.sets = 0;
  const interchanges = "interchanges" in parsed ? parsed.interchanges : [parsed];
  for (const interchange of interchanges) countInterchange(interchange, tally);
}

await measure("node-x12 (whole file)", parseWholeFile);
