import { defineConfig } from "vitest/config";

// Real-browser scenarios: build + start the app, drive Debian's Chromium with playwright-core.
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
