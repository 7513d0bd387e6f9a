// GET /api/path?from=person%3Aa&to=person%3Ab&…filters — the shortest path between two nodes,
// walking edges in either direction, typed relations only unless comentions=1. Filters as on
// /api/graph except that the date range is dateFrom/dateTo only (from/to are the ends here).
// 200 { path: null | PathResult { from, to, length, nodes: [{ key, type, label }],
//        hops: [{ from, to, edge: { key, type, source, target, direction: "forward" | "backward",
//                                   note?, articleCount, evidence: Evidence[] } }] } }
// 400 { error, parameter } · 404 { error } unknown node · 503 { error }
// In memory, answers are cached per loaded graph and parameters, with an ETag (304 on If-None-Match;
// app/api/_lib/answers.ts).

import { allowParams, filterParamNames, parseGraphFilters, parseNodeKeyParam } from "@/lib/graph/params";
import { answerKey } from "../_lib/answers";
import { cachedQuery } from "../_lib/backend";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const params = new URL(request.url).searchParams;
    const names = filterParamNames({ dateAliases: false });
    allowParams(params, { single: ["from", "to", ...names.single], multi: names.multi });
    const from = parseNodeKeyParam(params, "from");
    const to = parseNodeKeyParam(params, "to");
    const filters = parseGraphFilters(params, { dateAliases: false });
    return cachedQuery(answerKey("path", { ...filters, from, to }), async (queries) => ({ path: await queries.shortestPath(from, to, filters) }));
  }, request);
}
