// The Neo4j integration tests: a real Neo4j server started by tests/setup/neo4j.ts (first run builds the
// launcher with Maven and downloads the jars), never a mock.   npx vitest run --config vitest.neo4j.config.ts
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "") } },
  test: {
    include: ["tests/neo4j/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/setup/neo4j.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
