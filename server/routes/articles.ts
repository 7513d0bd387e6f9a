// GET /api/articles/[id] — an article's metadata and raw text; evidence and mention offsets
// index into `text` (quote === text.slice(start, end)).
// 200 { article: ArticleMeta { id, file, title, publisher, url, date, sha256, chars }, text: string }
// 404 { error } for an id not in graph.json (ids are looked up, never used as paths) or a
// file outside the articles folder · 400 { error, parameter: "id" } · 503 { error }
// Metadata from the backend (Neo4j when NEO4J_URI is set, falling back to graph.json like GET /api/graph),
// text from the articles folder.

import { allowParams, parseSegment } from "@/lib/graph/params";
import { respondWithFallback } from "../http/backend";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respondWithFallback(async (backend) => {
    allowParams(request.query, {});
    const id = parseSegment(request.params.id, "id");
    return backend.readArticle(id);
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
