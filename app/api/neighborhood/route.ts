// GET /api/neighborhood?key=person%3Akirill-dmitriev&hops=2&…filters — the nodes within
// `hops` (1–3, default 1) of `key` and the edges between them. Filters as on /api/graph
// (types, relations, articles, publishers, minSources, comentions, from/dateFrom, to/dateTo);
// CO_MENTIONED only with comentions=1.
// 200 NeighborhoodResult { center, hops, nodes: [{ key, attributes, distance }], edges: [{ key, source, target, attributes }] }
// 400 { error, parameter } · 404 { error } unknown node · 503 { error }

import { parseGraphFilters, parseHops, parseNodeKeyParam } from "@/lib/graph/params";
import { getGraphStore } from "@/lib/graph/store";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const params = new URL(request.url).searchParams;
    const key = parseNodeKeyParam(params, "key");
    const hops = parseHops(params);
    const filters = parseGraphFilters(params);
    const { queries } = await getGraphStore();
    return queries.neighborhood(key, hops, filters);
  });
}
