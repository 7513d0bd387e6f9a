// GET /api/search?q=zelensky&limit=20 — nodes whose label or an alias matches q, case-,
// accent- and punctuation-insensitive, best first (exact, prefix, word prefix, all words,
// infix, fuzzy); limit 1–100, default 20. `truncated` is true when more nodes matched than
// `limit` (at limit=100, when the 100 cap was reached).
// 200 { query: string, hits: [{ key, type, label, matched, field: "label" | "alias", match }], truncated: boolean }
// 400 { error, parameter: "q" | "limit" | <unknown parameter> } · 503 { error }
// In memory, answers are cached per loaded graph, q and limit, with an ETag (304 on If-None-Match;
// server/http/answers.ts): typing a name asks for the same prefixes again and again.

import { allowParams, parseSearch } from "@/lib/graph/params";
import { SEARCH_MAX_LIMIT } from "@/lib/graph/search";
import { answerKey } from "../http/answers";
import { cachedQuery } from "../http/backend";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    const params = request.query;
    allowParams(params, { single: ["q", "limit"] });
    const { q, limit } = parseSearch(params);
    return cachedQuery(answerKey("search", { q, limit }), async (queries) => {
      const hits = await queries.search(q, Math.min(limit + 1, SEARCH_MAX_LIMIT));
      return { query: q, hits: hits.slice(0, limit), truncated: hits.length >= limit && (hits.length > limit || limit === SEARCH_MAX_LIMIT) };
    });
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
