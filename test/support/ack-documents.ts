/**
 * Hand-made interchanges for the acknowledgment tests: X12 purchase orders and their answers, EDIFACT orders
 * and CONTRL messages, between Acme Foods (ZZ:ACMEFOODS) and Grocery Mart (ZZ:GROCERYMART).
 */

export interface X12SetSpec {
  readonly id?: string;
  readonly control: string;
  readonly body: readonly string[];
  /** SE01 as written; the true count when omitted (a wrong one makes the set rejected). */
  readonly count?: number;
}

export interface X12Spec {
  readonly from?: string;
  readonly to?: string;
  readonly control: number;
  /** ISA14: "1" asks for a TA1. */
  readonly ackRequested?: boolean;
  readonly functionalId?: string;
  readonly groupControl?: string;
  readonly version?: string;
  readonly sets: readonly X12SetSpec[];
}

const pad = (value: string, width: number): string => value.padEnd(width, " ");

export function isa13(control: number): string {
  return String(control).padStart(9, "0");
}

/** An X12 interchange, one segment a line. */
export function x12Document(spec: X12Spec): Buffer {
  const from = spec.from ?? "ACMEFOODS";
  const to = spec.to ?? "GROCERYMART";
  const group = spec.groupControl ?? String(spec.control);
  const segments = [
    `ISA*00*          *00*          *ZZ*${pad(from, 15)}*ZZ*${pad(to, 15)}*260301*0900*^*00501*${isa13(spec.control)}*${spec.ackRequested ? "1" : "0"}*P*:`,
    `GS*${spec.functionalId ?? "PO"}*${from}*${to}*20260301*0900*${group}*X*${spec.version ?? "005010"}`,
  ];
  for (const set of spec.sets) {
    const body = [`ST*${set.id ?? "850"}*${set.control}`, ...set.body];
    segments.push(...body, `SE*${set.count ?? body.length + 1}*${set.control}`);
  }
  segments.push(`GE*${spec.sets.length}*${group}`, `IEA*1*${isa13(spec.control)}`);
  return Buffer.from(segments.map((s) => `${s}~\n`).join(""), "latin1");
}

export const orderBody = ["BEG*00*SA*PO-1**20260301", "PO1*1*6*CA*12.25**UP*012345678901", "CTT*1"];

/** A 997 from Grocery Mart answering one group of Acme's: AK9 `groupStatus`, one AK2/AK5 per set. */
export function functionalAck(
  control: number,
  groupControl: string,
  groupStatus: string,
  sets: ReadonlyArray<readonly [string, string]>,
  kind: "997" | "999" = "997",
): Buffer {
  const body = [`AK1*PO*${groupControl}`];
  for (const [setControl, status] of sets)
    body.push(`AK2*850*${setControl}`, `${kind === "997" ? "AK5" : "IK5"}*${status}`);
  body.push(`AK9*${groupStatus}*${sets.length}*${sets.length}*${sets.filter(([, s]) => s !== "R").length}`);
  return x12Document({
    from: "GROCERYMART",
    to: "ACMEFOODS",
    control,
    functionalId: "FA",
    sets: [{ id: kind, control: "0001", body }],
  });
}

/** An interchange of one TA1 from Grocery Mart answering Acme's interchange `answered`. */
export function ta1Document(control: number, answered: number, status: "A" | "E" | "R"): Buffer {
  const segments = [
    `ISA*00*          *00*          *ZZ*${pad("GROCERYMART", 15)}*ZZ*${pad("ACMEFOODS", 15)}*260301*0905*^*00501*${isa13(control)}*0*P*:`,
    `TA1*${isa13(answered)}*260301*0900*${status}*${status === "A" ? "000" : "022"}`,
    `IEA*0*${isa13(control)}`,
  ];
  return Buffer.from(segments.map((s) => `${s}~\n`).join(""), "latin1");
}

/** An EDIFACT ORDERS interchange from Acme; UNB 0031 = 1 asks for a CONTRL. */
export function edifactOrders(control: string, ackRequested: boolean): Buffer {
  const segments = [
    `UNB+UNOC:3+ACMEFOODS:ZZ+GROCERYMART:ZZ+260301:0900+${control}++++${ackRequested ? "1" : ""}`,
    "UNH+M1+ORDERS:D:96A:UN",
    "BGM+220+PO-1+9",
    "DTM+137:20260301:102",
    "UNT+4+M1",
    `UNZ+1+${control}`,
  ];
  return Buffer.from(segments.map((s) => `${s}'\n`).join(""), "latin1");
}

/** A CONTRL from Grocery Mart answering Acme's interchange `answered` with UCI action `action`. */
export function contrlDocument(control: string, answered: string, action: "4" | "7"): Buffer {
  const segments = [
    `UNB+UNOC:3+GROCERYMART:ZZ+ACMEFOODS:ZZ+260301:0905+${control}`,
    "UNH+C1+CONTRL:D:3:UN",
    `UCI+${answered}+ACMEFOODS:ZZ+GROCERYMART:ZZ+${action}${action === "4" ? "+18" : ""}`,
    "UNT+3+C1",
    `UNZ+1+${control}`,
  ];
  return Buffer.from(segments.map((s) => `${s}'\n`).join(""), "latin1");
}
