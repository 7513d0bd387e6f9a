// GET /api/graph — the graph document.
//   No filter parameter: the whole graph.json GraphDocument, unchanged (CO_MENTIONED included;
//   the explorer hides that layer by default).
//   With any of types, relations, articles, publishers, minSources, comentions=1,
//   from/dateFrom, to/dateTo (YYYY-MM-DD): a filtered GraphDocument (CO_MENTIONED only with
//   comentions=1), see GraphQueries.subgraph in lib/graph/types.ts.
//   limit=N (1–1,000,000, optional): only the N best connected nodes (most incident edges, then
//   key) with the edges between them and the conflicts about them, plus `truncated: boolean`
//   (true when nodes were left out) and `total: { nodes, relations, coMentions }`: what the graph
//   (filtered, when filters are given) held before the cut, so a client can say "the 4,000
//   best connected of 49,903". Without `limit` the answer has neither field.
//   comentionsIfWhole=1 (with limit only): CO_MENTIONED is left out of a truncated answer, and the
//   nodes are then ranked by their other edges; an answer that is not truncated keeps the layer.
//   The explorer's first view asks for it: a graph within the limit comes exactly as without a
//   limit, and the co-mentions of a large graph (172 of the 248 MB of the 4,000 best connected nodes
//   of a 10,000-article build) are not sent for a layer the explorer hides by default.
// 200 GraphDocument { version, articles, graph: { options, attributes, nodes, edges }, conflicts[, truncated, total] }
// 304 (no body) when the in-memory graph answers and If-None-Match names the answer's ETag.
// 400 { error, parameter } (also for a parameter the route does not take) · 503 { error } when graph.json is missing or invalid.
// Backend (lib/backend): Neo4j when NEO4J_URI is set; when it is unavailable this route answers from the
// in-memory graph with `x-newsgraph-fallback: 1` and `x-newsgraph-notice` (see server/http/backend.ts),
// or 503 { error, backend: "neo4j", uri } when graph.json is unavailable too.
// Caching: the in-memory graph's answers are serialized once per loaded graph and parameters
// (server/http/answers.ts), sent with a weak ETag and `cache-control: no-cache` (a browser may
// keep the answer but asks again each time; a rebuilt graph.json changes the ETag). Neo4j's
// answers are made per request, `cache-control: no-store`.

import { setImmediate as nextTurn } from "node:timers/promises";
import type { GraphQueries } from "@/lib/graph/types";
import { BadRequestError } from "@/lib/graph/errors";
import { allowParams, filterParamNames, GRAPH_MAX_LIMIT, hasFilterParams, parseFlag, parseGraphFilters, parseLimit } from "@/lib/graph/params";
import { answerKey, cachedAnswer } from "../http/answers";
import { capDocument } from "../http/caps";
import { memoryStore, respondWithFallback } from "../http/backend";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respondWithFallback(async (backend) => {
    const params = request.query;
    const names = filterParamNames();
    allowParams(params, { single: [...names.single, "limit", "comentionsIfWhole"], multi: names.multi });
    const filters = hasFilterParams(params) ? parseGraphFilters(params) : null;
    const limit = parseLimit(params, "limit", GRAPH_MAX_LIMIT);
    const coMentionsIfWhole = parseFlag(params, "comentionsIfWhole");
    if (coMentionsIfWhole && limit === undefined) {
      throw new BadRequestError("comentionsIfWhole is only taken with limit, e.g. limit=4000&comentionsIfWhole=1", "comentionsIfWhole");
    }
    const answer = async (queries: GraphQueries) => {
      const doc = filters ? await queries.subgraph(filters) : await queries.document();
      if (limit === undefined) return doc;
      // Each step takes a second or more on a large graph: other requests get a turn between them.
      await nextTurn();
      return capDocument(doc, limit, { coMentionsIfWhole });
    };
    const store = await memoryStore(backend);
    if (!store) return answer(backend.queries);
    return cachedAnswer(store, answerKey("graph", { ...filters, filtered: filters !== null, limit, coMentionsIfWhole }), () => answer(store.queries));
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
