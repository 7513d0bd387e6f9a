// `npm run graph`: scripts/build-graph.ts, run from a compiled copy (scripts/compile.mjs says why)
// kept in node_modules/.cache/newsgraph-graph and compiled again when a source changes, which
// takes about 0.07 s. Arguments and exit code are build-graph's own. NEWSGRAPH_COMPILE_DIR sets
// another cache folder; `npx tsx scripts/build-graph.ts` runs the same build from the sources.
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledEntries } from "./compile.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The cache folder: beside the packages, or in the system's temporary folder when node_modules cannot be written. */
function cacheDirs() {
  if (process.env.NEWSGRAPH_COMPILE_DIR) return [path.resolve(process.env.NEWSGRAPH_COMPILE_DIR)];
  // One folder per project: named by a hash of its path.
  const key = createHash("sha256").update(root).digest("hex").slice(0, 16);
  return [path.join(root, "node_modules", ".cache", "newsgraph-graph"), path.join(os.tmpdir(), `newsgraph-graph-${key}`)];
}

async function compiledBuild() {
  let lastError = null;
  for (const cacheDir of cacheDirs()) {
    try {
      return await compiledEntries({
        root,
        cacheDir,
        entries: [
          { name: "build-graph", source: "scripts/build-graph.ts" },
          // The per-article stage's worker threads: lib/build/analyze.ts starts it beside the build's module.
          { name: "worker", source: "lib/build/worker.ts" },
        ],
        copies: ["lib/build/worker-boot.mjs"],
        define: { NEWSGRAPH_PROJECT_ROOT: JSON.stringify(root) },
      });
    } catch (error) {
      lastError = error;
      // A folder that cannot be written: try the next; anything else (a syntax error) is final.
      if (!(error && typeof error === "object" && ["EACCES", "EROFS", "EPERM"].includes(error.code))) break;
    }
  }
  throw lastError;
}

let dir;
try {
  ({ dir } = await compiledBuild());
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("newsgraph/") ? message : `newsgraph/graph: ${message}`);
  process.exit(1);
}
await import(pathToFileURL(path.join(dir, "build-graph.js")).href);
