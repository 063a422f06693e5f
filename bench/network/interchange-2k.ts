/** The demo companies the benchmark sends between (see src/services/seed-demo.ts). */
export const sender = { qualifier: "ZZ", id: "ACMEFOODS" } as const;
export const receiver = { qualifier: "ZZ", id: "GROCERYMART" } as const;

const TARGET_BYTES = 2048;

/**
 * An X12 850 interchange of about 2 KB from the demo sender to the demo receiver, with its own interchange and
 * group control number, so that no two interchanges of a run are duplicates of each other.
 */
export function interchange2k(control: number): Buffer {
  const isa13 = String(control).padStart(9, "0");
  const head = [
    `ISA*00*          *00*          *${sender.qualifier}*${sender.id.padEnd(15)}*${receiver.qualifier}*${receiver.id.padEnd(15)}*260301*0930*^*00501*${isa13}*0*P*:~`,
    `GS*PO*${sender.id}*${receiver.id}*20260301*0930*${control}*X*005010~`,
    "ST*850*0001~",
    `BEG*00*SA*PO-${control}**20260301~`,
    "N1*ST*GROCERYMART DC 4*92*0004~",
  ];
  const tail = (lines: number, setSegments: number): string[] => [
    `CTT*${lines}~`,
    `SE*${setSegments + 2}*0001~`,
    `GE*1*${control}~`,
    `IEA*1*${isa13}~`,
  ];
  const body: string[] = [];
  const size = (): number =>
    [...head, ...body, ...tail(0, 0)].reduce((sum, segment) => sum + segment.length + 1, 0);
  for (let line = 1; size() < TARGET_BYTES - 80; line++) {
    const upc = String(12345678900 + line).padStart(12, "0");
    body.push(`PO1*${line}*24*CA*18.50**UP*${upc}~`, `PID*F****ORGANIC ROLLED OATS 24OZ CASE ${line}~`);
  }
  // Segments ST…SE: ST, BEG, N1, the body, CTT and SE.
  const segments = [...head, ...body, ...tail(body.length / 2, 3 + body.length)];
  return Buffer.from(`${segments.join("\n")}\n`, "latin1");
}
