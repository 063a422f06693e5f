import { describe, expect, it } from "vitest";
import { builtinGuideFiles } from "./builtin-guide-files.js";
import { builtinGuides } from "./builtin-guides.js";
import { loadGuide } from "./load-guide.js";

describe("built-in guides", () => {
  it("load: every registered data file has the guide format", () => {
    expect(() => builtinGuides()).not.toThrow();
    expect(builtinGuides().ids().length).toBe(builtinGuideFiles.length);
  });

  it("have unique ids", () => {
    const ids = builtinGuideFiles.map((f) => loadGuide(f.data, f.file).id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  const guides = builtinGuides();
  const cases = guides.ids().flatMap((id) => guides.resolve(id).versions.map((v) => [id, v] as const));
  it.each(cases)(
    "%s compiles for %s with every segment defined and every override in place",
    (id, version) => {
      expect(guides.compile(id, version).problems).toEqual([]);
    },
  );
});
