// GET /api/sources/[article]/entities — the nodes (entities and meetings) an article names or
// gives evidence for, in reading order.
// 200 SourceEntities { article: ArticleMeta,
//        entities: [{ key, type, label, mentions: Mention[], relations: number, firstOffset: number }] }
// 400 { error, parameter: "article" } · 404 { error } unknown article · 503 { error }

import { allowParams, parseSegment } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { respond } from "../../../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, context: { params: Promise<{ article: string }> }): Promise<Response> {
  return respond(async () => {
    allowParams(new URL(request.url).searchParams, {});
    const article = parseSegment((await context.params).article, "article");
    const queries = await getQueries();
    return queries.entitiesBySource(article);
  });
}
