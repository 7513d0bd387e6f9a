// GET /api/status — where the server's read of graph.json stands, without waiting for it: the page asks while
// its first request for the graph is still unanswered, to say what the server is doing.
// 200 { graph: GraphLoadStatus } (lib/graph/types.ts) {
//   state: "idle" | "reading" | "checking" | "indexing" | "ready" | "failed",
//   file: string | null, bytesRead: number, totalBytes: number | null,
//   elapsedMs: number | null (so far while it runs, in all once ended), error?: string }
// The in-memory graph's load only: with NEO4J_URI set the graph is read from Neo4j per request, and the state
// stays "idle" unless the in-memory graph is read as a fallback. `cache-control: no-store`.

import { graphLoadStatus } from "@/lib/graph/store";
import { json } from "../http/respond";
import type { ApiAnswer, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(): Promise<ApiAnswer> {
  return json({ graph: graphLoadStatus() });
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
