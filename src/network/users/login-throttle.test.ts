import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle.js";

describe("LoginThrottle", () => {
  const options = { maxFailures: 3, windowMs: 60_000, maxKeys: 4 };

  it("lets a key fail maxFailures times in the window, then makes it wait for the oldest to leave", () => {
    const throttle = new LoginThrottle(options);
    throttle.failed("a", 0);
    throttle.failed("a", 10_000);
    expect(throttle.retryAfterMs("a", 10_000)).toBe(0);
    throttle.failed("a", 20_000);
    expect(throttle.retryAfterMs("a", 20_000)).toBe(40_000);
    expect(throttle.retryAfterMs("b", 20_000)).toBe(0);
    expect(throttle.retryAfterMs("a", 60_000)).toBe(0);
    throttle.failed("a", 60_000);
    expect(throttle.retryAfterMs("a", 60_000)).toBe(10_000);
  });

  it("forgets a key's failures on success", () => {
    const throttle = new LoginThrottle(options);
    for (let i = 0; i < 3; i++) throttle.failed("a", i);
    expect(throttle.retryAfterMs("a", 3)).toBeGreaterThan(0);
    throttle.succeeded("a");
    expect(throttle.retryAfterMs("a", 3)).toBe(0);
  });

  it("keeps at most maxKeys keys, forgetting expired ones first, then the least recently failed", () => {
    const throttle = new LoginThrottle(options);
    for (let i = 0; i < 3; i++) throttle.failed("old", i);
    for (const key of ["b", "c", "d"]) for (let i = 0; i < 3; i++) throttle.failed(key, 70_000 + i);
    throttle.failed("e", 70_010);
    // "old" had only expired failures: it went first, and the others are all still counted.
    for (const key of ["b", "c", "d"]) expect(throttle.retryAfterMs(key, 70_010)).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) throttle.failed("f", 70_020 + i);
    expect(throttle.retryAfterMs("b", 70_030)).toBe(0);
    expect(throttle.retryAfterMs("f", 70_030)).toBeGreaterThan(0);
  });
});
