import type { DatasetFacts } from "./dataset.js";
import { createPrng, type Prng } from "./prng.js";
import { TextSink } from "./text-sink.js";
import {
  companies,
  companiesWithReservedCharacters,
  date,
  euPlaces,
  gtin,
  price,
  products,
  productsWithReservedCharacters,
  streets,
} from "./vocabulary.js";

const UNA = "UNA:+.? '";
const RESERVED = /[?'+:]/g;

/** Escapes free text with the release character `?`. */
function release(text: string): string {
  return text.replace(RESERVED, "?$&");
}

/**
 * Writes UN/EDIFACT interchanges of ORDERS D96A messages until the file holds at least `targetBytes`.
 * One UNA opens the file; the interchanges after the first rely on the default delimiters it repeats.
 */
export function generateEdifact(path: string, targetBytes: number, seed: number): DatasetFacts {
  const prng = createPrng(seed);
  const sink = new TextSink(path);
  const counts = { segments: 0, sets: 0, interchanges: 0, serviceStringAdvice: 1 };
  const full = (): boolean => sink.bytes >= targetBytes;
  const segment = (text: string): void => {
    sink.write(`${text}'`);
    counts.segments++;
  };

  sink.write(UNA);
  while (!full()) {
    counts.interchanges++;
    const reference = `ICR${String(counts.interchanges).padStart(8, "0")}`;
    const when = date(prng);
    const time = `${String(prng.int(0, 23)).padStart(2, "0")}${String(prng.int(0, 59)).padStart(2, "0")}`;
    segment(`UNB+UNOC:3+${gtin(prng, 13)}:14+${gtin(prng, 13)}:14+${when.slice(2)}:${time}+${reference}`);
    const messageCount = prng.int(200, 1500);
    let messages = 0;
    for (; messages < messageCount && !(messages > 0 && full()); messages++) {
      counts.segments += writeOrder(prng, sink, String(messages + 1));
    }
    counts.sets += messages;
    segment(`UNZ+${messages}+${reference}`);
  }
  sink.close();
  return { bytes: sink.bytes, ...counts };
}

/** Writes one UNH…UNT ORDERS message and returns how many segments it wrote. */
function writeOrder(prng: Prng, sink: TextSink, reference: string): number {
  const lines: string[] = [];
  const add = (text: string): void => {
    lines.push(`${text}'`);
  };
  add(`UNH+${reference}+ORDERS:D:96A:UN:EAN008`);
  add(`BGM+220+PO${prng.digits(8)}+9`);
  add(`DTM+137:${date(prng)}:102`);
  add(`DTM+2:${date(prng)}:102`);
  const buyerName = prng.chance(0.15) ? prng.pick(companiesWithReservedCharacters) : prng.pick(companies);
  const place = prng.pick(euPlaces);
  add(
    `NAD+BY+${gtin(prng, 13)}::9++${release(buyerName)}+${release(prng.pick(streets))}` +
      `+${place.city}++${place.postcode}+${place.country}`,
  );
  add(`NAD+SU+${gtin(prng, 13)}::9`);
  if (prng.chance(0.5)) add(`NAD+DP+${gtin(prng, 13)}::9`);
  const lineCount = prng.chance(0.05) ? prng.int(40, 120) : prng.int(1, 12);
  for (let line = 1; line <= lineCount; line++) {
    add(`LIN+${line}++${gtin(prng, 13)}:EN`);
    if (prng.chance(0.5)) {
      const text = prng.chance(0.2) ? prng.pick(productsWithReservedCharacters) : prng.pick(products);
      add(`IMD+F++:::${release(text)}`);
    }
    add(`QTY+21:${prng.int(1, 500)}`);
    add(`PRI+AAA:${price(prng)}`);
  }
  add("UNS+S");
  add(`CNT+2:${lineCount}`);
  add(`UNT+${lines.length + 1}+${reference}`);
  sink.write(lines.join(""));
  return lines.length;
}
