// GET /api/articles/[id] — an article's metadata and raw text; evidence and mention offsets
// index into `text` (quote === text.slice(start, end)).
// 200 { article: ArticleMeta { id, file, title, publisher, url, date, sha256, chars }, text: string }
// 404 { error } for an id not in graph.json (ids are looked up, never used as paths) or a
// file outside the articles folder · 400 { error, parameter: "id" } · 503 { error }
// Metadata from the backend (Neo4j when NEO4J_URI is set, falling back to graph.json like GET /api/graph),
// text from the articles folder.

import { allowParams, parseSegment } from "@/lib/graph/params";
import { respondWithFallback } from "../../_lib/backend";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return respondWithFallback(async (backend) => {
    allowParams(new URL(request.url).searchParams, {});
    const id = parseSegment((await context.params).id, "id");
    return backend.readArticle(id);
  });
}
