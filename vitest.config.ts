import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/browser/**", "tests/neo4j/**", "node_modules/**"],
    environment: "node",
    testTimeout: 30_000,
  },
});
