// GET /api/claims?fewerThan=2 — typed relations supported by fewer than `fewerThan` distinct
// articles (weakly sourced claims), least supported first.
// limit=N (1–10,000, default 1000): at most N claims; `truncated` says whether some were left out.
// 200 { fewerThan, claims: [{ key, type, source: { key, type, label }, target: { key, type, label },
//        note?, articleCount, evidence: Evidence[] }], truncated: boolean }
// 400 { error, parameter: "fewerThan" | "limit" } · 503 { error }

import { allowParams, CLAIMS_DEFAULT_LIMIT, CLAIMS_MAX_LIMIT, parseFewerThan, parseLimit } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { capList } from "../http/caps";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    const params = request.query;
    allowParams(params, { single: ["fewerThan", "limit"] });
    const fewerThan = parseFewerThan(params);
    const limit = parseLimit(params, "limit", CLAIMS_MAX_LIMIT, CLAIMS_DEFAULT_LIMIT);
    const queries = await getQueries();
    const { items, truncated } = capList(await queries.claimsWithFewerThan(fewerThan), limit);
    return { fewerThan, claims: items, truncated };
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
