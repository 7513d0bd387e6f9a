// GET /api/path?from=person%3Aa&to=person%3Ab&…filters — the shortest path between two nodes,
// walking edges in either direction, typed relations only unless comentions=1. Filters as on
// /api/graph except that the date range is dateFrom/dateTo only (from/to are the ends here).
// 200 { path: null | PathResult { from, to, length, nodes: [{ key, type, label }],
//        hops: [{ from, to, edge: { key, type, source, target, direction: "forward" | "backward",
//                                   note?, articleCount, evidence: Evidence[] } }] } }
// 400 { error, parameter } · 404 { error } unknown node · 503 { error }
// In memory, answers are cached per loaded graph and parameters, with an ETag (304 on If-None-Match;
// server/http/answers.ts).

import { allowParams, filterParamNames, parseGraphFilters, parseNodeKeyParam } from "@/lib/graph/params";
import { answerKey } from "../http/answers";
import { cachedQuery } from "../http/backend";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    const params = request.query;
    const names = filterParamNames({ dateAliases: false });
    allowParams(params, { single: ["from", "to", ...names.single], multi: names.multi });
    const from = parseNodeKeyParam(params, "from");
    const to = parseNodeKeyParam(params, "to");
    const filters = parseGraphFilters(params, { dateAliases: false });
    return cachedQuery(answerKey("path", { ...filters, from, to }), async (queries) => ({ path: await queries.shortestPath(from, to, filters) }));
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
