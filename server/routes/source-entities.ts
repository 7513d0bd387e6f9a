// GET /api/sources/[article]/entities — the nodes (entities and meetings) an article names or
// gives evidence for, in reading order.
// 200 SourceEntities { article: ArticleMeta,
//        entities: [{ key, type, label, mentions: Mention[], relations: number, firstOffset: number }] }
// 400 { error, parameter: "article" } · 404 { error } unknown article · 503 { error }

import { allowParams, parseSegment } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    allowParams(request.query, {});
    const article = parseSegment(request.params.article, "article");
    const queries = await getQueries();
    return queries.entitiesBySource(article);
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
