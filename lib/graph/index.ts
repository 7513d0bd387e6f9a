// lib/graph: the query layer over graph.json (graphology in memory; lib/neo4j implements the
// same GraphQueries interface). Server-only loading lives in "./store" and is deliberately
// not re-exported here, so client components may import types and pure helpers from
// "@/lib/graph" without pulling node:fs into the browser bundle.

export * from "./types";
export * from "./errors";
export * from "./utils";
export * from "./filters";
export * from "./search";
export * from "./params";
export { createMemoryQueries, graphFromDocument } from "./memory";
