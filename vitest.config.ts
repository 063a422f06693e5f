import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    globalSetup: ["./test/support/build-once.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
