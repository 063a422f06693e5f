import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

describe("newId", () => {
  it("sorts ids in the order they were made, also within one millisecond and with a clock that stands still", () => {
    const ids = Array.from({ length: 1000 }, () => newId("x_", 1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it("puts later times after earlier ones", () => {
    const a = newId("", 1_800_000_000_000);
    const b = newId("", 1_800_000_000_001);
    expect(a < b).toBe(true);
    expect(a).toMatch(/^[0-9a-z]{26}$/);
  });
});
