// GET /api/neighborhood?key=person%3Akirill-dmitriev&hops=2&…filters — the nodes within
// `hops` (1–3, default 1) of `key` and the edges between them. Filters as on /api/graph
// (types, relations, articles, publishers, minSources, comentions, from/dateFrom, to/dateTo);
// CO_MENTIONED only with comentions=1. limit=N (1–5000, default 500): at most N nodes, the
// nearest first (the center always), and at most 50,000 edges between them; `truncated` says
// whether anything was left out. The in-memory backend applies the caps inside the query, so a
// hub with a million neighbours costs a scan of numbers, not a million-node answer cut afterwards.
// 200 NeighborhoodResult { center, hops, nodes: [{ key, attributes, distance }], edges: [{ key, source, target, attributes }], truncated }
// 400 { error, parameter } · 404 { error } unknown node · 503 { error }
// In memory, answers are cached per loaded graph and parameters, with an ETag (304 on If-None-Match;
// server/http/answers.ts).

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
import { answerKey } from "../http/answers";
import { cachedQuery } from "../http/backend";
import { capNeighborhood } from "../http/caps";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    const params = request.query;
    const names = filterParamNames();
    allowParams(params, { single: ["key", "hops", "limit", ...names.single], multi: names.multi });
    const key = parseNodeKeyParam(params, "key");
    const hops = parseHops(params);
    const limit = parseLimit(params, "limit", NEIGHBORHOOD_MAX_NODES, NEIGHBORHOOD_DEFAULT_NODES);
    const filters = parseGraphFilters(params);
    const limits = { maxNodes: limit, maxEdges: NEIGHBORHOOD_MAX_EDGES };
    return cachedQuery(answerKey("neighborhood", { ...filters, key, hops, limit }), async (queries) =>
      // A backend that ignores `limits` (Neo4j) answers in full and is cut here; the same cut.
      capNeighborhood(await queries.neighborhood(key, hops, filters, limits), limits.maxNodes, limits.maxEdges),
    );
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
