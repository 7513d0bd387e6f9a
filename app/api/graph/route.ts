// GET /api/graph — the graph document.
//   No filter parameter: the whole graph.json GraphDocument, unchanged (CO_MENTIONED included;
//   the explorer hides that layer by default).
//   With any of types, relations, articles, publishers, minSources, comentions=1,
//   from/dateFrom, to/dateTo (YYYY-MM-DD): a filtered GraphDocument (CO_MENTIONED only with
//   comentions=1), see GraphQueries.subgraph in lib/graph/types.ts.
// 200 GraphDocument { version, articles, graph: { options, attributes, nodes, edges }, conflicts }
// 400 { error, parameter } · 503 { error } when graph.json is missing or invalid.

import { hasFilterParams, parseGraphFilters } from "@/lib/graph/params";
import { getGraphStore } from "@/lib/graph/store";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const params = new URL(request.url).searchParams;
    const filters = hasFilterParams(params) ? parseGraphFilters(params) : null;
    const { queries } = await getGraphStore();
    return filters ? queries.subgraph(filters) : queries.document();
  });
}
