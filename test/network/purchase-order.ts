/**
 * An X12 850 interchange from the demo company Acme Foods (ZZ:ACMEFOODS) to Grocery Mart (ZZ:GROCERYMART)
 * with `control` as its interchange and group control number. Its bytes depend on `control` only (one to
 * five order lines), so a test can rebuild what it sent from the control number alone.
 */
export function purchaseOrder(control: number): Buffer {
  const isa13 = String(control).padStart(9, "0");
  const lines = 1 + (control % 5);
  const body: string[] = [`BEG*00*SA*PO-${control}**20250115`];
  for (let line = 1; line <= lines; line++) {
    body.push(
      `PO1*${line}*${line * 6}*CA*${(control % 97) + line}.25**UP*0123456789${String(line).padStart(2, "0")}`,
    );
    body.push(`PID*F****ITEM ${control}-${line}`);
  }
  body.push(`CTT*${lines}`);
  const set = ["ST*850*0001", ...body, `SE*${body.length + 2}*0001`];
  const segments = [
    `ISA*00*          *00*          *ZZ*ACMEFOODS      *ZZ*GROCERYMART    *250115*0930*^*00501*${isa13}*0*P*:`,
    `GS*PO*ACMEFOODS*GROCERYMART*20250115*0930*${control}*X*005010`,
    ...set,
    `GE*1*${control}`,
    `IEA*1*${isa13}`,
  ];
  return Buffer.from(segments.map((s) => `${s}~\n`).join(""), "latin1");
}

/** The interchange control number (ISA13) of an interchange built by `purchaseOrder`. */
export function controlOf(interchange: Buffer): number {
  const isa13 = interchange.toString("latin1", 0, 106).split("*")[13];
  return Number(isa13);
}
