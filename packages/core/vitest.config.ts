import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/redis-setup.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    testTimeout: 20_000,
  },
});
