import { readFileSync } from "node:fs";
import { it } from "vitest";
import { builtinGuides, validateInterchanges } from "/work/main/src/edi/guides/index.js";
const files = (process.env.FILES ?? "").split(",");
it("diag", () => {
  const manifest = JSON.parse(readFileSync("/work/shared/conformance/manifest.json", "utf8"));
  for (const f of files) {
    const e = manifest.find((m: any) => m.file === f);
    const { findings, reports } = validateInterchanges(readFileSync(`/work/shared/conformance/${e.std}/${f}`), builtinGuides());
    console.log(`=== ${f}`);
    for (const r of reports) for (const g of r.groups) for (const s of g.sets) console.log("  set", s.set.id, g.group.version, "guide", (s as any).guide?.id ?? s.guide);
    for (const x of findings) console.log(`  ${x.code} ${x.tag} seg=${(x as any).segment} el=${JSON.stringify((x as any).element)} off=${x.offset} loop=${(x as any).loop} : ${x.message}`);
  }
});
