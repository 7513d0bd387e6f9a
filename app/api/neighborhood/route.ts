// GET /api/neighborhood?key=person%3Akirill-dmitriev&hops=2&…filters — the nodes within
// `hops` (1–3, default 1) of `key` and the edges between them. Filters as on /api/graph
// (types, relations, articles, publishers, minSources, comentions, from/dateFrom, to/dateTo);
// CO_MENTIONED only with comentions=1. limit=N (1–5000, default 500): at most N nodes, the
// nearest first (the center always), and at most 50,000 edges between them; `truncated` says
// whether anything was left out.
// 200 NeighborhoodResult { center, hops, nodes: [{ key, attributes, distance }], edges: [{ key, source, target, attributes }], truncated }
// 400 { error, parameter } · 404 { error } unknown node · 503 { error }

import {
  allowParams,
  filterParamNames,
  NEIGHBORHOOD_DEFAULT_NODES,
  NEIGHBORHOOD_MAX_EDGES,
  NEIGHBORHOOD_MAX_NODES,
  parseGraphFilters,
  parseHops,
  parseLimit,
  parseNodeKeyParam,
} from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { capNeighborhood } from "../_lib/caps";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const params = new URL(request.url).searchParams;
    const names = filterParamNames();
    allowParams(params, { single: ["key", "hops", "limit", ...names.single], multi: names.multi });
    const key = parseNodeKeyParam(params, "key");
    const hops = parseHops(params);
    const limit = parseLimit(params, "limit", NEIGHBORHOOD_MAX_NODES, NEIGHBORHOOD_DEFAULT_NODES);
    const filters = parseGraphFilters(params);
    const queries = await getQueries();
    return capNeighborhood(await queries.neighborhood(key, hops, filters), limit, NEIGHBORHOOD_MAX_EDGES);
  });
}
