// GET /api/nodes/[key] — one node with its relations and their evidence. The key contains
// ":" and is URL-encoded by the caller: /api/nodes/person%3Akirill-dmitriev.
// 200 NodeDetail {
//   key, attributes: NodeAttributes,
//   relations: [{ type, direction: "out" | "in",
//                 relations: [{ key, type, direction, other: { key, type, label }, note?, articleCount, evidence: Evidence[] }] }],
//   conflicts: Conflict[] }
// 400 { error, parameter: "key" } · 404 { error } unknown node · 503 { error }

import { allowParams, parseSegment } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    allowParams(request.query, {});
    const key = parseSegment(request.params.key, "key");
    const queries = await getQueries();
    return queries.node(key);
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
