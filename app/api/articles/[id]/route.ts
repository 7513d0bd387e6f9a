// GET /api/articles/[id] — an article's metadata and raw text; evidence and mention offsets
// index into `text` (quote === text.slice(start, end)).
// 200 { article: ArticleMeta { id, file, title, publisher, url, date, sha256, chars }, text: string }
// 404 { error } for an id not in graph.json (ids are looked up, never used as paths) or a
// file outside the articles folder · 400 { error, parameter: "id" } · 503 { error }

import { parseSegment } from "@/lib/graph/params";
import { getGraphStore } from "@/lib/graph/store";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const id = parseSegment((await context.params).id, "id");
    const store = await getGraphStore();
    return store.readArticle(id);
  });
}
