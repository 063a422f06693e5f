import type { DatasetFacts } from "./dataset.js";
import { createPrng, type Prng } from "./prng.js";
import { TextSink } from "./text-sink.js";
import {
  companies,
  companiesWithReservedCharacters,
  date,
  gtin,
  price,
  products,
  productsWithReservedCharacters,
  streets,
  units,
  usPlaces,
} from "./vocabulary.js";

const ELEMENT = "*";
const TERMINATOR = "~\n";

interface Version {
  readonly isa: string;
  readonly repetition: string;
  readonly gs: string;
}

const versions: readonly Version[] = [
  { isa: "00401", repetition: "U", gs: "004010" },
  { isa: "00501", repetition: "^", gs: "005010" },
];

/** Writes interchanges of X12 850 purchase orders until the file holds at least `targetBytes`. */
export function generateX12(path: string, targetBytes: number, seed: number): DatasetFacts {
  const prng = createPrng(seed);
  const sink = new TextSink(path);
  const counts = { segments: 0, sets: 0, interchanges: 0, serviceStringAdvice: 0 };
  const full = (): boolean => sink.bytes >= targetBytes;
  const segment = (...elements: string[]): void => {
    sink.write(elements.join(ELEMENT) + TERMINATOR);
    counts.segments++;
  };

  let groupControl = 1000;
  while (!full()) {
    counts.interchanges++;
    const control = String(counts.interchanges).padStart(9, "0");
    const version = prng.pick(versions);
    const sender = partyId(prng);
    const receiver = partyId(prng);
    const when = date(prng);
    const time = `${String(prng.int(0, 23)).padStart(2, "0")}${String(prng.int(0, 59)).padStart(2, "0")}`;
    segment(
      "ISA",
      "00",
      " ".repeat(10),
      "00",
      " ".repeat(10),
      sender.qualifier,
      sender.id.padEnd(15),
      receiver.qualifier,
      receiver.id.padEnd(15),
      when.slice(2),
      time,
      version.repetition,
      version.isa,
      control,
      prng.pick(["0", "1"]),
      prng.pick(["P", "P", "T"]),
      ">",
    );
    const groupCount = prng.int(1, 3);
    let groups = 0;
    for (; groups < groupCount && !(groups > 0 && full()); groups++) {
      groupControl++;
      segment("GS", "PO", sender.id, receiver.id, when, time, String(groupControl), "X", version.gs);
      const setCount = prng.int(100, 600);
      let sets = 0;
      for (; sets < setCount && !(sets > 0 && full()); sets++) {
        counts.segments += writePurchaseOrder(prng, sink, String(sets + 1).padStart(4, "0"));
      }
      counts.sets += sets;
      segment("GE", String(sets), String(groupControl));
    }
    segment("IEA", String(groups), control);
  }
  sink.close();
  return { bytes: sink.bytes, ...counts };
}

function partyId(prng: Prng): { qualifier: string; id: string } {
  switch (prng.int(0, 2)) {
    case 0:
      return { qualifier: "01", id: prng.digits(9) };
    case 1:
      return { qualifier: "12", id: prng.digits(10) };
    default:
      return { qualifier: "ZZ", id: `${prng.pick(["ACME", "NWT", "BRG", "GVD", "LSH"])}${prng.digits(4)}` };
  }
}

/** Writes one ST…SE 850 and returns how many segments it wrote. */
function writePurchaseOrder(prng: Prng, sink: TextSink, control: string): number {
  const lines: string[] = [];
  const add = (...elements: string[]): void => {
    lines.push(elements.join(ELEMENT) + TERMINATOR);
  };
  add("ST", "850", control);
  add(
    "BEG",
    prng.pick(["00", "00", "00", "05"]),
    prng.pick(["SA", "NE", "DS"]),
    `PO${prng.digits(7)}`,
    "",
    date(prng),
  );
  add("REF", "DP", prng.digits(3));
  if (prng.chance(0.5)) add("REF", "IA", prng.digits(6));
  add("DTM", "002", date(prng));
  if (prng.chance(0.3)) add("DTM", "010", date(prng));
  const parties = prng.chance(0.4) ? ["ST", "BT"] : ["ST"];
  for (const role of parties) {
    const place = prng.pick(usPlaces);
    const name = prng.chance(0.1) ? prng.pick(companiesWithReservedCharacters) : prng.pick(companies);
    add("N1", role, name, "92", prng.digits(prng.int(3, 6)));
    add("N3", prng.pick(streets));
    add("N4", place.city, place.region, place.postcode, place.country);
  }
  const lineCount = prng.chance(0.05) ? prng.int(40, 120) : prng.int(1, 12);
  let quantities = 0;
  for (let line = 1; line <= lineCount; line++) {
    const quantity = prng.int(1, 500);
    quantities += quantity;
    const item = [String(line), String(quantity), prng.pick(units), price(prng), "", "UP", gtin(prng, 12)];
    item.push("VN", `V${prng.digits(6)}`);
    if (prng.chance(0.3)) item.push("IN", `B${prng.digits(8)}`);
    add("PO1", ...item);
    const text = prng.chance(0.1) ? prng.pick(productsWithReservedCharacters) : prng.pick(products);
    add("PID", "F", "", "", "", text);
  }
  add("CTT", String(lineCount), String(quantities));
  add("SE", String(lines.length + 1), control);
  sink.write(lines.join(""));
  return lines.length;
}
