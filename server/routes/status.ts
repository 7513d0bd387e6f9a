// GET /api/status — where the server's read of graph.json stands, without waiting for it: the page asks while
// its first request for the graph is still unanswered, to say what the server is doing.
// 200 { graph: GraphLoadStatus } (lib/graph/types.ts) {
//   state: "idle" | "reading" | "checking" | "indexing" | "ready" | "failed",
//   file: string | null, bytesRead: number, totalBytes: number | null,
//   elapsedMs: number | null (so far while it runs, in all once ended), error?: string }
// The in-memory graph's load only: with NEO4J_URI set the graph is read from Neo4j per request, and the state
// stays "idle" unless the in-memory graph is read as a fallback. `cache-control: no-store`.
// 400 { error, parameter } for any parameter: it takes none.

import { allowParams } from "@/lib/graph/params";
import { graphLoadStatus } from "@/lib/graph/store";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(() => {
    allowParams(request.query, {});
    return { graph: graphLoadStatus() };
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
