// GET /api/backend — which backend answers the API and the explorer, for the page's badge and notice.
// 200 BackendStatus (lib/backend) {
//   backend: "memory" | "neo4j" | null,      who answers the explorer's graph now (null: nothing can)
//   configured: "memory" | "neo4j",          what the environment asks for (NEO4J_URI set → neo4j)
//   fallback: boolean,                       Neo4j configured but unavailable: the in-memory graph answers instead
//   notice?: string,                         one line to show when something is off
//   console: boolean,                        the Cypher console (POST /api/cypher) is available
//   neo4j?: { uri, database, ok, error?, graph?: { nodes, edges, model, stamp } },
//   memory?: { graphFile, ok, error? } }
// Always 200: it reports on the backends, it does not depend on them.

import { backendStatus } from "@/lib/backend";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(() => backendStatus(), request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
