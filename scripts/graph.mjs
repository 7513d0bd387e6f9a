// `npm run graph`: scripts/build-graph.ts, run from a compiled copy (scripts/compile.mjs says why)
// kept in node_modules/.cache/newsgraph-graph and compiled again when a source changes, which
// takes about 0.07 s. Arguments and exit code are build-graph's own. NEWSGRAPH_COMPILE_DIR sets
// another cache folder (this script's copy goes in its newsgraph-graph folder); `npx tsx
// scripts/build-graph.ts` runs the same build from the sources.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILD_WORKERS, compiledInProjectCache } from "./compile.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let dir;
try {
  ({ dir } = await compiledInProjectCache({
    root,
    name: "newsgraph-graph",
    entries: [{ name: "build-graph", source: "scripts/build-graph.ts" }, ...BUILD_WORKERS.entries],
    copies: BUILD_WORKERS.copies,
    define: { NEWSGRAPH_PROJECT_ROOT: JSON.stringify(root) },
  }));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("newsgraph/") ? message : `newsgraph/graph: ${message}`);
  process.exit(1);
}
await import(pathToFileURL(path.join(dir, "build-graph.js")).href);
